"""Demo campaigns and festivals for last year, this year and next (the activity categories come
from the migrations). Idempotent: a campaign whose code exists is left alone."""

import datetime

from django.utils import timezone

from practice.models import Level, Unit

from .models import Campaign, CampaignKind

# Festivals on the lunar calendar, by year: (春节, 元宵, 清明, 端午, 中秋, 重阳).
LUNAR = {
    2024: ("2024-02-10", "2024-02-24", "2024-04-04", "2024-06-10", "2024-09-17", "2024-10-11"),
    2025: ("2025-01-29", "2025-02-12", "2025-04-04", "2025-05-31", "2025-10-06", "2025-10-29"),
    2026: ("2026-02-17", "2026-03-03", "2026-04-05", "2026-06-19", "2026-09-25", "2026-10-18"),
    2027: ("2027-02-06", "2027-02-20", "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-08"),
    2028: ("2028-01-26", "2028-02-09", "2028-04-04", "2028-05-28", "2028-10-03", "2028-10-26"),
    2029: ("2029-02-13", "2029-02-27", "2029-04-04", "2029-06-16", "2029-09-22", "2029-10-16"),
}
TOWNSHIP_OF_CHUNFENG = "常胜镇"
D = datetime.timedelta


def _specs(year):
    if year not in LUNAR:
        return []
    spring, lantern, qingming, duanwu, midautumn, chongyang = (
        datetime.date.fromisoformat(d) for d in LUNAR[year])
    jan1, dec31 = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    c, f = CampaignKind.CAMPAIGN, CampaignKind.FESTIVAL
    return [
        # (code, name, Mongolian name, kind, starts, ends, township or None, target)
        (f"wubiwuzheng-{year}", "五比五争", "ᠲᠠᠪᠤ ᠵᠢᠷᠤᠰᠠᠯᠳᠤᠭᠠᠨ ᠲᠠᠪᠤ ᠲᠡᠮᠴᠡᠯ", c, jan1, dec31, None,
         "各嘎查村比学习、比服务、比环境、比风气、比团结"),
        (f"customs-3-2-x-{year}", "“3+2+X”移风易俗",
         "ᠵᠠᠩ ᠠᠭᠠᠯᠢ ᠶᠢ ᠱᠢᠨᠡᠴᠢᠯᠡᠬᠦ ᠭᠤᠷᠪᠠ ᠨᠡᠮᠡᠬᠦ ᠬᠣᠶᠠᠷ", c, jan1, dec31, None,
         "红白事简办、抵制高价彩礼，每村至少开展一次宣讲"),
        (f"spring-festival-{year}", "春节", "ᠴᠠᠭᠠᠨ ᠰᠠᠷ᠎ᠠ", f, spring - D(days=7), lantern,
         None, "送春联、走访慰问困难群众"),
        (f"xueleifeng-{year}", "学雷锋月", "ᠯᠧᠢ ᠹᠧᠩ ᠠᠴᠠ ᠰᠤᠷᠤᠯᠴᠠᠬᠤ ᠰᠠᠷ᠎ᠠ", c,
         datetime.date(year, 3, 1), datetime.date(year, 3, 31), None,
         "每个文明实践站至少组织一次志愿服务"),
        (f"chunfeng-{year}", "春风行动", "ᠬᠠᠪᠤᠷ ᠤᠨ ᠰᠠᠯᠬᠢ", c, datetime.date(year, 3, 15),
         datetime.date(year, 5, 31), TOWNSHIP_OF_CHUNFENG, "春耕春播技术服务进嘎查"),
        (f"qingming-{year}", "清明", "ᠴᠢᠩ ᠮᠢᠩ", f, qingming - D(days=3), qingming, None,
         "文明祭扫、网上祭英烈"),
        (f"duanwu-{year}", "端午", "ᠳᠤᠸᠠᠨ ᠸᠦ", f, duanwu - D(days=3), duanwu, None,
         "我们的节日·端午"),
        (f"naadam-{year}", "那达慕", "ᠨᠠᠭᠠᠳᠤᠮ", c, datetime.date(year, 7, 15),
         datetime.date(year, 8, 15), None, "乌兰牧骑演出、文明新风展示"),
        (f"mid-autumn-{year}", "中秋", "ᠰᠠᠷ᠎ᠠ ᠶᠢᠨ ᠨᠠᠢᠷ", f, midautumn - D(days=3), midautumn,
         None, "我们的节日·中秋"),
        (f"national-day-{year}", "国庆", "ᠤᠯᠤᠰ ᠤᠨ ᠪᠠᠶᠠᠷ", f, datetime.date(year, 10, 1),
         datetime.date(year, 10, 7), None, "升国旗、爱国主义宣讲"),
        (f"chongyang-{year}", "重阳敬老", "ᠥᠲᠡᠭᠡᠰ ᠢ ᠬᠦᠨᠳᠦᠯᠡᠬᠦ ᠨᠠᠢᠷ", c,
         chongyang - D(days=7), chongyang + D(days=7), None,
         "走访慰问独居、高龄老人，义诊、理发"),
    ]


def seed(ctx) -> None:
    banner = Unit.objects.filter(level=Level.BANNER).order_by("pk").first()
    if banner is None:
        return
    townships = Unit.objects.filter(level=Level.TOWNSHIP).order_by("path")
    chunfeng_town = (townships.filter(name=TOWNSHIP_OF_CHUNFENG).first() or townships.first()
                     or banner)
    today = timezone.localdate()
    have = set(Campaign.objects.values_list("code", flat=True))
    rows = []
    for year in (today.year - 1, today.year, today.year + 1):
        for code, name, name_mn, kind, starts, ends, township, target in _specs(year):
            if code in have:
                continue
            unit = chunfeng_town if township else banner
            if township and unit.name != township:
                name = f"{unit.name}{name}"
            rows.append(Campaign(code=code, name=name, name_mn=name_mn, kind=kind, unit=unit,
                                 starts_on=starts, ends_on=ends, target=target))
    Campaign.objects.bulk_create(rows)
    ctx.progress(f"活动主题与节庆：新增 {len(rows)} 项")
