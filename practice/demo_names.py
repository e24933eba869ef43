"""Place names for the demo network of Horqin Left Back Banner (科左后旗).

The townships and sumu are the banner's real ones as far as we know them; the community service
centres and most village names are made up in the local style. The places the source report
names are placed where it puts them.
"""

BANNER = ("KZHQ", "科左后旗")

TOWNSHIPS = [
    "甘旗卡镇",
    "吉尔嘎朗镇",
    "金宝屯镇",
    "常胜镇",
    "查日苏镇",
    "努古斯台镇",
    "海鲁吐镇",
    "阿古拉镇",
    "朝鲁吐镇",
    "散都苏木",
    "巴嘎塔拉苏木",
    "巴彦毛都苏木",
    "阿都沁苏木",
    "茂道吐苏木",
    "乌兰敖道苏木",
    "胜利农场",
    "东城社区服务中心",
    "西城社区服务中心",
    "南城社区服务中心",
    "北城社区服务中心",
]

# Villages the source report names, and the township each belongs to.
NAMED_VILLAGES = {
    "查日苏镇": ["沃德嘎查"],
    "努古斯台镇": ["柴达木嘎查"],
    "巴嘎塔拉苏木": ["伊胡塔嘎查"],
    "常胜镇": ["特莫图热其嘎查"],
}

PREFIXES = [
    "乌兰",
    "哈日",
    "查干",
    "巴彦",
    "额尔敦",
    "宝力",
    "阿拉坦",
    "毛都",
    "胡硕",
    "塔拉",
    "敖包",
    "都仁",
    "呼和",
    "锡林",
    "图门",
    "伊和",
    "萨仁",
    "那仁",
    "阿木",
    "格日勒",
]
SUFFIXES = [
    "套布",
    "花",
    "塔拉",
    "艾勒",
    "毛都",
    "敖包",
    "吐",
    "浩特",
    "宝力皋",
    "诺尔",
    "召",
    "哈达",
    "温都",
    "高勒",
]
HAN_VILLAGES = [
    "新发村",
    "太平村",
    "前进村",
    "永兴村",
    "胜利村",
    "长发村",
    "福兴村",
    "双合村",
    "东升村",
    "兴隆村",
    "五家子村",
    "三合村",
    "平安村",
    "富民村",
    "和平村",
]
COMMUNITIES = [
    "向阳社区",
    "团结社区",
    "繁荣社区",
    "民主社区",
    "文化社区",
    "友谊社区",
    "建设社区",
    "幸福社区",
    "阳光社区",
    "和谐社区",
    "光明社区",
    "振兴社区",
    "安居社区",
    "康乐社区",
    "锦绣社区",
]

BASE_KINDS = [
    "志愿土豆种植基地",
    "中心学校实践基地",
    "合作社实践基地",
    "养殖场实践基地",
    "卫生院实践基地",
    "文化广场实践基地",
]

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高包白韩宝乌敖吴")
GIVEN = [
    "桂兰",
    "玉梅",
    "金山",
    "宝音",
    "朝鲁",
    "乌云",
    "其其格",
    "苏和",
    "海山",
    "秀英",
    "国华",
    "志强",
    "那顺",
    "巴特尔",
    "萨仁",
    "图雅",
    "建国",
    "春生",
    "哈斯",
    "额尔敦",
]


# The banner's departments (旗直各单位) assessed beside the townships: (code, name).
DEPARTMENTS = [
    ("D01", "旗委宣传部"),
    ("D02", "旗文明办"),
    ("D03", "旗民政局"),
    ("D04", "旗卫生健康委员会"),
    ("D05", "旗农牧局"),
    ("D06", "旗司法局"),
    ("D07", "旗文化旅游体育局"),
    ("D08", "旗教育局"),
]


# Mongolian names in the traditional script (shown to people who read the platform in
# Mongolian): the townships and sumu by their Mongolian names or, for names of Chinese origin,
# their usual transliteration; a village by its parts where each part is a Mongolian word. A
# draft for the banner's translators to check; a name left out shows in Chinese.
TOWN = "ᠪᠠᠯᠭᠠᠰᠤ"
SUMU = "ᠰᠤᠮᠤ"
GACHAA = "ᠭᠠᠴᠠᠭ\u180eᠠ"
TOWNSHIPS_MN = {
    "甘旗卡镇": f"ᠭᠠᠨᠵᠢᠭ\u180eᠠ {TOWN}",
    "吉尔嘎朗镇": f"ᠵᠢᠷᠭᠠᠯᠠᠩ {TOWN}",
    "金宝屯镇": f"ᠵᠢᠨᠪᠣᠣᠲᠦᠨ {TOWN}",
    "常胜镇": f"ᠴᠠᠩᠱᠧᠩ {TOWN}",
    "查日苏镇": f"ᠴᠠᠭᠠᠷᠰᠤ {TOWN}",
    "努古斯台镇": f"ᠨᠣᠭᠤᠰᠤᠲᠠᠢ {TOWN}",
    "海鲁吐镇": f"ᠬᠠᠶᠢᠯᠤᠲᠤ {TOWN}",
    "阿古拉镇": f"ᠠᠭᠤᠯᠠ {TOWN}",
    "朝鲁吐镇": f"ᠴᠢᠯᠠᠭᠤᠲᠤ {TOWN}",
    "散都苏木": f"ᠰᠠᠨᠳᠤ {SUMU}",
    "巴嘎塔拉苏木": f"ᠪᠠᠭ\u180eᠠ ᠲᠠᠯ\u180eᠠ {SUMU}",
    "巴彦毛都苏木": f"ᠪᠠᠶᠠᠨ ᠮᠣᠳᠤ {SUMU}",
    "阿都沁苏木": f"ᠠᠳᠠᠭᠤᠴᠢᠨ {SUMU}",
    "茂道吐苏木": f"ᠮᠣᠳᠣᠲᠤ {SUMU}",
    "乌兰敖道苏木": f"ᠤᠯᠠᠭᠠᠨ ᠣᠳᠤ {SUMU}",
    "胜利农场": "ᠱᠧᠩᠯᠢ ᠲᠠᠷᠢᠶᠠᠯᠠᠩ",
    "东城社区服务中心": "ᠵᠡᠭᠦᠨ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠬᠣᠷᠣᠭ\u180eᠠ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ\u202fᠦ ᠲᠥᠪ",
    "西城社区服务中心": "ᠪᠠᠷᠠᠭᠤᠨ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠬᠣᠷᠣᠭ\u180eᠠ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ\u202fᠦ ᠲᠥᠪ",
    "南城社区服务中心": "ᠡᠮᠦᠨ\u180eᠡ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠬᠣᠷᠣᠭ\u180eᠠ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ\u202fᠦ ᠲᠥᠪ",
    "北城社区服务中心": "ᠬᠣᠶᠢᠲᠤ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠬᠣᠷᠣᠭ\u180eᠠ\u202fᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ\u202fᠦ ᠲᠥᠪ",
}
VILLAGES_MN = {
    "沃德嘎查": f"ᠣᠳᠣ {GACHAA}",
    "柴达木嘎查": f"ᠴᠠᠢᠳᠠᠮ {GACHAA}",
    "伊胡塔嘎查": f"ᠶᠡᠬᠡ ᠲᠠᠯ\u180eᠠ {GACHAA}",
}
# The parts of the demo's village names (PREFIXES + SUFFIXES + 嘎查) that are Mongolian words.
PREFIXES_MN = {
    "乌兰": "ᠤᠯᠠᠭᠠᠨ", "哈日": "ᠬᠠᠷ\u180eᠠ", "查干": "ᠴᠠᠭᠠᠨ", "巴彦": "ᠪᠠᠶᠠᠨ",
    "额尔敦": "ᠡᠷᠳᠡᠨᠢ", "阿拉坦": "ᠠᠯᠲᠠᠨ", "毛都": "ᠮᠣᠳᠤ", "塔拉": "ᠲᠠᠯ\u180eᠠ",
    "敖包": "ᠣᠪᠣᠭ\u180eᠠ", "呼和": "ᠬᠥᠬᠡ", "图门": "ᠲᠦᠮᠡᠨ", "伊和": "ᠶᠡᠬᠡ",
    "萨仁": "ᠰᠠᠷᠠ", "那仁": "ᠨᠠᠷᠠ", "格日勒": "ᠭᠡᠷᠡᠯ",
}
SUFFIXES_MN = {
    "套布": "ᠲᠣᠪ", "塔拉": "ᠲᠠᠯ\u180eᠠ", "艾勒": "ᠠᠢᠯ", "毛都": "ᠮᠣᠳᠤ",
    "敖包": "ᠣᠪᠣᠭ\u180eᠠ", "浩特": "ᠬᠣᠲᠠ", "宝力皋": "ᠪᠤᠯᠠᠭ", "诺尔": "ᠨᠠᠭᠤᠷ",
    "哈达": "ᠬᠠᠳᠠ", "高勒": "ᠭᠣᠯ",
}


def mongolian_name(name: str) -> str:
    """The Mongolian name of a demo township or village, or "" where the draft has none."""
    if name in TOWNSHIPS_MN:
        return TOWNSHIPS_MN[name]
    if name in VILLAGES_MN:
        return VILLAGES_MN[name]
    if name.endswith("嘎查"):
        stem = name[: -len("嘎查")]
        for prefix, prefix_mn in PREFIXES_MN.items():
            suffix = stem[len(prefix):]
            if stem.startswith(prefix) and suffix in SUFFIXES_MN:
                return f"{prefix_mn} {SUFFIXES_MN[suffix]} {GACHAA}"
    return ""
