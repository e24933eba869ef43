"""The audit trail: database triggers that record every change of the audited tables.

Signal-based history misses ``queryset.update()`` and bulk writes; a trigger does not. On
PostgreSQL each audited table gets an ``AFTER INSERT OR UPDATE OR DELETE`` trigger that writes
the row before and after (``to_jsonb``, without any ``password`` column) into
``practice_auditlog``, with the acting user read
from the database session setting ``civic.actor_id``. The actor is set for every unsafe request
(the middleware below for session users, :class:`AuditedTokenAuthentication` for API tokens)
and by services or tasks with :func:`set_actor`.

An app turns the trail on for a model with a migration operation::

    from practice.audit import EnableAudit
    operations = [EnableAudit("volunteers_order")]  # pk column "id" unless given

SQLite (the embedded demo database) has no triggers of this kind: the trail is a production
(PostgreSQL) feature, and its tests run on PostgreSQL.
"""

from django.db import connection, migrations
from rest_framework.authentication import TokenAuthentication

ACTOR_SETTING = "civic.actor_id"  # the trigger function below reads this session setting

FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION practice_audit_row() RETURNS trigger AS $$
DECLARE
    actor bigint := nullif(current_setting('civic.actor_id', true), '')::bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO practice_auditlog ("table", row_id, action, actor_id, at, before, after)
        VALUES (TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[0], 'delete', actor, now(),
                to_jsonb(OLD) - 'password', NULL);
        RETURN OLD;
    ELSIF TG_OP = 'UPDATE' THEN
        IF to_jsonb(OLD) = to_jsonb(NEW) THEN
            RETURN NEW;
        END IF;
        INSERT INTO practice_auditlog ("table", row_id, action, actor_id, at, before, after)
        VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0], 'update', actor, now(),
                to_jsonb(OLD) - 'password', to_jsonb(NEW) - 'password');
        RETURN NEW;
    ELSE
        INSERT INTO practice_auditlog ("table", row_id, action, actor_id, at, before, after)
        VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0], 'insert', actor, now(),
                NULL, to_jsonb(NEW) - 'password');
        RETURN NEW;
    END IF;
END
$$ LANGUAGE plpgsql;
"""


class InstallAuditFunction(migrations.RunSQL):
    def __init__(self):
        super().__init__(FUNCTION_SQL, "DROP FUNCTION IF EXISTS practice_audit_row() CASCADE;")

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class EnableAudit(migrations.RunSQL):
    """Attach the audit trigger to ``table`` (PostgreSQL only; nothing on SQLite)."""

    def __init__(self, table: str, pk: str = "id"):
        self.table, self.pk = table, pk
        trigger = f"{table}_audit"
        super().__init__(
            f'CREATE TRIGGER "{trigger}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION practice_audit_row('{pk}');",
            f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}";',
        )

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.table, self.pk], {})

    def describe(self):
        return f"Audit every change of {self.table}"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def set_actor(user) -> None:
    """Name ``user`` (or nobody, with None) as the actor of the changes that follow."""
    if connection.vendor != "postgresql":
        return
    value = str(user.pk) if user is not None and getattr(user, "pk", None) else ""
    if getattr(connection, "_civic_actor", "") == value:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [ACTOR_SETTING, value])
    connection._civic_actor = value


ACTIONS = ("insert", "update", "delete")


def audited_tables() -> list[str]:
    """The tables that carry the audit trigger (read from PostgreSQL's catalogue)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name = event_object_table || '_audit' ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class AuditActorMiddleware:
    """Sets the session user as the actor of an unsafe request, and clears it afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unsafe = request.method in UNSAFE
        if unsafe and getattr(request, "user", None) is not None and request.user.is_authenticated:
            set_actor(request.user)
        try:
            return self.get_response(request)
        finally:
            if getattr(connection, "_civic_actor", ""):
                set_actor(None)


class AuditedTokenAuthentication(TokenAuthentication):
    """Token authentication that names the token's user as the actor of unsafe requests.

    It also loads the user's unit with the token (one query), since every scoped query needs
    it.
    """

    def authenticate_credentials(self, key):
        from django.utils.translation import gettext_lazy as _
        from rest_framework import exceptions
        from rest_framework.authtoken.models import Token

        token = Token.objects.select_related("user__unit").filter(key=key).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and request.method in UNSAFE:
            set_actor(result[0])
        return result
