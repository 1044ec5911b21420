"""The words questions are read with: topics, numbers, months, demonyms, countries outside
the data, and the vocabulary typos are corrected to. Data only; ``parse`` uses them."""

from __future__ import annotations

from cnasean import countries

# Written out: importing calendar for its month names costs more than the question.
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
MONTHS.update({m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)})
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "6": 6,
    "7": 7,
    "8": 8,
    "9": 9,
    "10": 10,
    "11": 11,
}
ZH_NUM = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
}
DEMONYMS = {
    "chinese": "CN",
    "thai": "TH",
    "vietnamese": "VN",
    "filipino": "PH",
    "filipinos": "PH",
    "malaysian": "MY",
    "malaysians": "MY",
    "indonesian": "ID",
    "indonesians": "ID",
    "singaporean": "SG",
    "singaporeans": "SG",
    "cambodian": "KH",
    "cambodians": "KH",
    "lao": "LA",
    "laotian": "LA",
    "laotians": "LA",
    "burmese": "MM",
    "myanmar": "MM",
    "bruneian": "BN",
    "bruneians": "BN",
    "timorese": "TL",
    "thais": "TH",
}
TOPIC_WORDS = {
    "trade": (
        "trade",
        "traded",
        "trading",
        "imports",
        "import",
        "exports",
        "export",
        "bilateral",
        "turnover",
        "commerce",
        "surplus",
        "deficit",
    ),
    "visa": (
        "stay",
        "visa",
        "visas",
        "visa-free",
        "visafree",
        "passport",
        "passports",
        "entry",
        "exemption",
        "enter",
    ),
    "infrastructure": (
        "railway",
        "rail",
        "railroad",
        "train",
        "metro",
        "expressway",
        "highway",
        "port",
        "airport",
        "canal",
        "project",
        "pipeline",
        "dam",
        "bridge",
        "corridor",
        "park",
        "refinery",
    ),
    "events": (
        "happened",
        "happen",
        "events",
        "event",
        "agreement",
        "signed",
        "summit",
        "expo",
        "joined",
        "accession",
        "declaration",
        "treaty",
        "timeline",
        "sign",
        "signing",
        "join",
        "joining",
        "admitted",
        "news",
        "protocol",
        "concluded",
        "launched",
        "acfta",
        "fta",
        "rcep",
        "doc",
        "coc",
        "caexpo",
        "tac",
        "force",
        "effect",
        "negotiations",
    ),
}
ZH_TOPIC = {
    "trade": ("贸易", "进出口", "出口", "进口", "贸易额", "顺差", "逆差"),
    "visa": ("签证", "免签", "入境"),
    "infrastructure": ("铁路", "高铁", "高速公路", "港", "机场", "运河", "项目", "园"),
    "events": (
        "发生",
        "事件",
        "签署",
        "峰会",
        "博览会",
        "加入",
        "协定",
        "宣言",
        "大事",
        "新闻",
        "议定书",
    ),
}
# Acronyms are never a correction: "rice" is not a typo of "rcep".
ACRONYMS = frozenset("acfta fta rcep doc coc caexpo tac".split())
VOCAB = sorted(
    {w for ws in TOPIC_WORDS.values() for w in ws if w not in ACRONYMS}
    | set(DEMONYMS)
    | {c.name.lower() for c in countries.ALL}
    | {
        "largest",
        "partner",
        "citizens",
        "tourists",
        "need",
        "without",
        "open",
        "opened",
        "long",
        "length",
        "cost",
        "speed",
        "fast",
        "passengers",
        "quarters",
        "quarter",
        "half",
        "months",
        "first",
        "between",
        "during",
        "visit",
        "according",
        "statistics",
        "happened",
        "members",
        "countries",
        "country",
        "member",
        "surplus",
        "latest",
        "previous",
        "growth",
    }
)


COMMON = frozenset(
    "what when which where does need have with from that this were will year years many much "
    "long into more most than then them they been their there about tell over much give show "
    "list open date days".split()
)
NON_MEMBERS = {
    "japan": "Japan",
    "americans": "the United States",
    "japanese citizens": "Japan",
    "koreans": "South Korea",
    "indians": "India",
    "australians": "Australia",
    "europeans": "Europe",
    "russians": "Russia",
    "uk": "the United Kingdom",
    "britain": "the United Kingdom",
    "british": "the United Kingdom",
    "germany": "Germany",
    "france": "France",
    "canada": "Canada",
    "japanese": "Japan",
    "korea": "South Korea",
    "korean": "South Korea",
    "america": "the United States",
    "american": "the United States",
    "usa": "the United States",
    "us": "the United States",
    "united states": "the United States",
    "india": "India",
    "indian": "India",
    "australia": "Australia",
    "eu": "the European Union",
    "europe": "Europe",
    "european union": "the European Union",
    "russia": "Russia",
    "taiwan": "Taiwan",
    "hong kong": "Hong Kong",
    "日本": "Japan",
    "美国": "the United States",
    "韩国": "South Korea",
    "印度": "India",
    "澳大利亚": "Australia",
    "欧盟": "the European Union",
    "俄罗斯": "Russia",
    "英国": "the United Kingdom",
}
ZH_PAIRS = {
    "中越": "VN",
    "中泰": "TH",
    "中柬": "KH",
    "中缅": "MM",
    "中菲": "PH",
    "中老": "LA",
    "中马": "MY",
    "中印尼": "ID",
}


GENERIC = frozenset(
    {
        "railway",
        "rail",
        "the",
        "of",
        "and",
        "high",
        "speed",
        "line",
        "phase",
        "standard",
        "gauge",
        "hsr",
        "1",
        "2",
        "project",
    }
)


# --- accounting: every content word of a question is placed or known to be neutral ---------

# Words that carry no fact of their own: question words, verbs of asking, articles, units.
NEUTRAL = frozenset(
    """
    a an the of and or to in on at for with by from between among within is are was were be
    been being am do does did done has have had having can could would should shall may might
    must it its it's this that these those there here what what's whats which who whom whose
    when where why how much many long often far big how's please tell me us show give list
    find know want wanted i we you your my our their they them he she his her about any all
    some each every also yet still so far up down out ever again anymore than then as if
    country countries member members nation nations state states state's bilateral value
    volume amount total overall sum figure figures number numbers data statistics stats
    official officially much around approximately roughly exactly just only both either
    china china's chinas chinese prc people's republic asean asean's aseans southeast asia
    southeast-asian region nationals national citizen citizens people person persons
    tourist tourists traveller travellers traveler travelers visitor visitors holder holders
    holding passport passports go going goes went get getting got visit visiting visited
    travel travelling traveling trip trips enter entering entered need needs needed require
    requires required requirement requirements allowed allow allows permitted let lets
    stay stays staying rule rules policy policies regime scheme arrangement status
    currently current now today nowadays present presently latest recent recently most
    newest last past previous prior this next year years year's month months monthly yearly
    annual annually quarter quarters quarterly half first second third fourth nine six
    period during through till until since before after ago so-far to-date date dates day
    days according reported report reports per own count counts customs measured
    was is trade-volume worth valued did went rise rose grow grew growth increase increased
    change changed compared yoy year-on-year percent percentage share proportion
    agreement deal kind sort type foreign external overall come came comes into high
    high-speed hsr line railway rail
    """.split()
)
FLOW_WORDS = {
    **dict.fromkeys(
        "export exports exported exporting sell sold sells sales shipped".split(), "export"
    ),
    **dict.fromkeys(
        "import imports imported importing buy bought buys purchased purchases".split(), "import"
    ),
    **dict.fromkeys("surplus deficit balance".split(), "balance"),
}
RANK_WORDS = frozenset(
    "rank ranked ranking rankings top leading largest biggest greatest highest most "
    "least smallest lowest fewest bottom trades traded trading partner partners".split()
)
LEAST_WORDS = frozenset("least smallest lowest fewest bottom".split())
FORECAST_WORDS = frozenset(
    "will forecast forecasts predict prediction predicted projected projection expected "
    "expect outlook future".split()
)
END_WORDS = frozenset("end ends ended ending expire expires expired expiry expiring".split())
START_WORDS = frozenset("start starts started begin began begins introduced effect".split())
# Entities the events answer reads from the titles and notes of the events.
EVENT_WORDS = frozenset(
    "acfta fta rcep doc coc caexpo tac framework upgrade free area code conduct sea south "
    "amity cooperation co-operation partnership strategic comprehensive dialogue relations "
    "full vision plan action ministerial meeting negotiations negotiation concluded "
    "concluding took takes enter entered force effect adopted adopt agreed held anniversary "
    "economic ministers parties".split()
)
ATTRIBUTE_WORDS = frozenset(
    "open opened opening opens operate operating operation operations operational running "
    "run long length km kilometres kilometers fast speed km/h design designed top cost costs "
    "costed price spent budget expensive passengers passenger ridership carried carry "
    "riders trips status finished completed complete built build building construction "
    "constructed began begin start started break ground progress done".split()
)
# Chinese: the phrases a question is read with; what is left must be neutral characters.
ZH_KNOWN = tuple(
    """
    政策
    上半年 下半年 美元 人民币
    是多少 多少 什么时候 何时 哪一年 哪年 哪天 哪些 哪个 哪里 需要 总额
    总值 双边 同比 增长 增速 占比 比重 份额 公民 游客 护照 国家 成员国
    中国 东盟 有效期 到期 结束 截止 开始 实施 生效 最新 最近 去年 今年
    前年 上个月 本月 季度 半年 排名 顺差 逆差 差额 贸易伙伴 第一大 造价
    投资 花费 全长 长度 多长 时速 速度 开通 通车 运营 开工 进展 状态
    完工 旅客 乘客 客运 发送 累计 人次 公里 签署 签订 加入 什么 时候
    互免 来华 成为 数据 外贸 停留 花了 多少钱 费用 进出口 贸易额
    """.split()
)
ZH_NEUTRAL = frozenset(
    "占一二三四五六七八九十两至的了吗呢么是和与同跟对向自从去来到在有为年月日个要可以能否和及前后各把被将由每次天多少几最大小高低哪些第人请问呀啊吧额总"
)
ZH_FORECAST = ("明年", "预计", "预测", "将会", "会是", "未来")
