"""Uploaded pictures, checked by their content once for every app: what the file really is
(Pillow reads it; the name and the browser's content type are not trusted) and its size."""

from django.utils.translation import gettext as _

from .exceptions import InvalidInput

IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def picture_format(upload) -> str | None:
    """``"JPEG"``, ``"PNG"`` … as Pillow reads the upload, or None when it is no picture. The
    upload is rewound for whoever stores it."""
    from PIL import Image, UnidentifiedImageError

    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    upload.seek(0)
    return kind


def picture_check(upload, *, field: str, max_bytes: int) -> None:
    """400 on ``field`` when the upload is larger than ``max_bytes`` or not a JPEG, PNG, GIF
    or WebP picture."""
    if upload.size > max_bytes:
        raise InvalidInput(_("The photo is too large (at most %(mb)d MB).")
                           % {"mb": max_bytes // (1024 * 1024)}, field=field)
    if picture_format(upload) not in IMAGE_FORMATS:
        raise InvalidInput(_("The file is not a picture. Upload a JPEG, PNG, GIF or WebP "
                             "photo."), field=field)
