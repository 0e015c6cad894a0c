"""A realistic Chinese corpus for the search benchmark (tests/bench/search.py).

Deterministic: records come from one seeded random stream, so every run on every
machine measures the same text, and a smaller corpus is a prefix of a larger one.
Records are composed from vocabulary.py: notices, 公示, plans, village disclosures,
credit-list entries, 社会组织 and 慈善 records, spread over kinds, regions, years and
agencies so that facets have something to count. A few records are in traditional
characters or full-width digits and letters, as reposted texts are.

Ground truth: each record carries ``concepts``, the judged concepts
(vocabulary.JUDGED) that the templates and slot values it was written from contain,
as written in vocabulary.py. They are known from how the record was made, not found
by scanning its final text: a record reposted in traditional characters or full-width
forms keeps its concepts, and two words that only meet where a template ends are not
a concept. The search bench judges results against them.

No Django here: search.py turns records into SearchDocuments and database rows.
"""

import datetime
import random
import re
import string
from dataclasses import dataclass, field
from functools import cache

import opencc
from stdnum.cn import uscc

from . import vocabulary as words

SEED = 4  # fixed, so every run generates the same corpus
# The mix of kinds on a county 民政 site: mostly notices and village disclosures.
KIND_WEIGHTS = {
    "article": 38,
    "village_disclosure": 22,
    "social_organisation": 10,
    "credit_entry": 8,
    "charity_organisation": 3,
    "fundraising_filing": 6,
    "charity_annual_report": 5,
    "charity_project": 6,
    "plan": 2,
}
TRADITIONAL_SHARE = 0.03
FULL_WIDTH_SHARE = 0.03
FIRST_DAY = datetime.date(2016, 1, 1)
DAYS = 10 * 365
_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, Z, S, V
_to_traditional = opencc.OpenCC("s2t")
_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if chr(c).isalnum()}


@dataclass(frozen=True)
class Record:
    pk: int
    kind: str
    title: str
    body: str
    published: datetime.date
    region: str  # 12-digit 区划代码
    agency: str
    list_type: str  # "abnormal" or "serious" for credit-list entries, else ""
    concepts: frozenset = field(default=frozenset(), compare=False)


@dataclass(frozen=True)
class Place:
    district_code: str
    district: str
    town_code: str
    town: str
    village_code: str
    village: str


@dataclass(frozen=True)
class Organisation:
    name: str
    code: str  # 统一社会信用代码
    place: Place


def generate(count, seed=SEED):
    """``count`` records, numbered from 1."""
    writer = _Writer(random.Random(seed))  # noqa: S311 (a corpus, not a secret)
    return [writer.record(pk) for pk in range(1, count + 1)]


def places(seed=SEED):
    """Six real districts, six invented towns each and eight villages per town."""
    rng = random.Random(seed)  # noqa: S311 (a corpus, not a secret)
    result = []
    for district_code, district in words.DISTRICTS:
        for t, town_name in enumerate(rng.sample(words.TOWN_NAMES, 6)):
            is_town = t % 2 == 0  # 镇 with 村; 街道 with 社区
            town = town_name + ("镇" if is_town else "街道")
            town_code = f"{district_code[:6]}{100 + t if is_town else t + 1:03d}000"
            for v, village_name in enumerate(rng.sample(words.VILLAGE_NAMES, 8)):
                village = village_name + ("村" if is_town else "社区")
                serial = 200 + v if is_town else v + 1
                result.append(
                    Place(
                        district_code=district_code,
                        district=district,
                        town_code=town_code,
                        town=town,
                        village_code=f"{town_code[:9]}{serial:03d}",
                        village=village,
                    )
                )
    return result


def credit_code(rng, type_digit, district_code):
    """A 统一社会信用代码 with a right check character: 5 (民政) + type + county +
    organisation code."""
    body = "5" + type_digit + district_code[:6] + "MJ"
    body += "".join(rng.choice(_CODE_ALPHABET) for _ in range(7))
    return body + uscc.calc_check_digit(body)


_CODE_IN_TEXT = re.compile(r"统一社会信用代码：([0-9A-Z]{18})")


def first_code(records):
    """The credit code of the first organisation record written in plain half-width
    characters, for the query mix."""
    for record in records:
        found = _CODE_IN_TEXT.search(record.body)
        if record.kind == "social_organisation" and found:
            return found.group(1)
    return None


@cache
def concepts_in(written):
    """The judged concepts a template or slot value contains, as written."""
    return frozenset(c for c in words.CONCEPTS if c in written)


@cache
def _slot_names(template):
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


def traditional(text):
    return _to_traditional.convert(text)


def full_width(text):
    return text.translate(_FULL_WIDTH)


class _Writer:
    """Writes records one after another; organisations written earlier are the ones
    later credit entries and charity records speak of."""

    def __init__(self, rng):
        self.rng = rng
        self.places = places()
        self.organisations = []
        self.charities = []
        self.concepts = set()  # of the record being written

    def record(self, pk):
        rng = self.rng
        self.concepts = set()
        kind = rng.choices(list(KIND_WEIGHTS), weights=KIND_WEIGHTS.values())[0]
        published = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        title, body, region, agency, list_type = getattr(self, kind)(published)
        variant = rng.random()
        if variant < TRADITIONAL_SHARE:
            title, body = traditional(title), traditional(body)
        elif variant < TRADITIONAL_SHARE + FULL_WIDTH_SHARE:
            body = full_width(body)
        return Record(
            pk,
            kind,
            title,
            body,
            published,
            region,
            agency,
            list_type,
            frozenset(self.concepts),
        )

    def fill(self, template, slots):
        """The template with its slots filled; what it says is noted as the record's
        concepts."""
        self.concepts |= concepts_in(template)
        for name in _slot_names(template):
            value = slots[name]
            if isinstance(value, str):
                self.concepts |= concepts_in(value)
        return template.format_map(slots)

    # -- slots and sentences ---------------------------------------------------------

    def slots(self, place, published, **more):
        rng = self.rng
        values = {
            "district": place.district,
            "town": place.town,
            "village": place.village,
            "year": published.year,
            "month": published.month,
            "quarter": (published.month - 1) // 3 + 1,
            "date": f"{published.year}年{published.month}月{published.day}日",
            "amount": rng.randint(300, 1500),
            "amount2": rng.randint(10, 5000),
            "count": rng.randint(10, 3000),
            "count2": rng.randint(5, 500),
            "small": rng.randint(1, 30),
            "person": rng.choice(words.SURNAMES) + rng.choice(("某", "某某")),
            "phone": rng.randint(1_000_000, 9_999_999),
            "agency": f"{place.district}民政局",
            "project": rng.choice(words.PROJECTS),
            "scope": rng.choice(words.SCOPES),
        }
        values.update(more)
        return values

    def text(self, templates, slots):
        """Sentences run together as in the original texts; now and then a new
        paragraph."""
        parts = []
        for template in templates:
            parts.append(self.fill(template, slots))
            if self.rng.random() < 0.2:
                parts.append("\n")
        return "".join(parts).strip()

    def some(self, templates, low, high):
        return self.rng.sample(
            templates, min(len(templates), self.rng.randint(low, high))
        )

    def general(self):
        return self.some(words.GENERAL, 2, 3)

    # -- one method per kind: (title, body, region, agency, list type) ----------------

    def article(self, published):
        place = self.rng.choice(self.places)
        topic = self.rng.choice(list(words.TOPICS.values()))
        template = self.rng.choice(topic["titles"])
        slots = self.slots(place, published)
        body = self.text(self.some(topic["sentences"], 4, 8) + self.general(), slots)
        region = place.town_code if "{town}" in template else place.district_code
        return self.fill(template, slots), body, region, slots["agency"], ""

    def plan(self, published):
        place = self.rng.choice(self.places)
        topics = self.rng.sample(list(words.TOPICS.values()), 3)
        slots = self.slots(place, published, topic=topics[0]["name"])
        sentences = topics[0]["sentences"] + [
            sentence
            for topic in topics[1:]
            for sentence in self.some(topic["sentences"], 2, 4)
        ]
        title = self.fill(self.rng.choice(words.PLAN_TITLES), slots)
        body = self.text(self.general() + sentences, slots)
        return title, body, place.district_code, slots["agency"], ""

    def village_disclosure(self, published):
        place = self.rng.choice(self.places)
        committee = "村民委员会" if place.village.endswith("村") else "居民委员会"
        agency = place.village + committee
        slots = self.slots(place, published, agency=agency)
        title = self.fill(self.rng.choice(words.VILLAGE["titles"]), slots)
        sentences = self.some(words.VILLAGE["sentences"], 4, 6) + [words.GENERAL[4]]
        return title, self.text(sentences, slots), place.village_code, agency, ""

    def social_organisation(self, published):
        organisation = self.new_organisation(words.ORGANISATION_SUFFIXES)
        self.organisations.append(organisation)
        slots = self.slots(organisation.place, published, code=organisation.code)
        body = self.text(words.ORGANISATION, slots)
        place = organisation.place
        title = self.fill("{org}", {"org": organisation.name})
        return title, body, place.district_code, slots["agency"], ""

    def charity_organisation(self, published):
        charity = self.new_organisation(words.CHARITY_SUFFIXES)
        self.charities.append(charity)
        slots = self.slots(
            charity.place, published, code=charity.code, charity=charity.name
        )
        body = self.text(words.CHARITY, slots)
        title = self.fill("{org}", {"org": charity.name})
        return title, body, charity.place.district_code, slots["agency"], ""

    def credit_entry(self, published):
        organisation = self.existing(self.organisations, words.ORGANISATION_SUFFIXES)
        list_type = "abnormal" if self.rng.random() < 0.7 else "serious"
        entry = words.CREDIT[list_type]
        slots = self.slots(
            organisation.place, published, org=organisation.name, code=organisation.code
        )
        slots["reason"] = self.fill(self.rng.choice(entry["reasons"]), slots)
        title = self.fill(self.rng.choice(entry["titles"]), slots)
        body = self.text(entry["sentences"], slots)
        return title, body, organisation.place.district_code, slots["agency"], list_type

    def fundraising_filing(self, published):
        return self.charity_record(
            published, "{charity}“{project}”募捐方案备案", words.FUNDRAISING
        )

    def charity_annual_report(self, published):
        return self.charity_record(
            published, "{charity}{year}年度工作报告", words.ANNUAL_REPORT
        )

    def charity_project(self, published):
        return self.charity_record(
            published, "{charity}“{project}”慈善项目", words.PROJECT
        )

    def charity_record(self, published, title, sentences):
        charity = self.existing(self.charities, words.CHARITY_SUFFIXES)
        slots = self.slots(charity.place, published, charity=charity.name)
        body = self.text(sentences, slots)
        return (
            self.fill(title, slots),
            body,
            charity.place.district_code,
            slots["agency"],
            "",
        )

    # -- organisations ---------------------------------------------------------------

    def new_organisation(self, suffixes):
        place = self.rng.choice(self.places)
        suffix, type_digit = self.rng.choice(suffixes)
        field = self.rng.choice(words.ORGANISATION_FIELDS)
        # Half are named after their town, as small ones are (沙河镇养老服务协会).
        prefix = place.town if self.rng.random() < 0.5 else place.district
        name = prefix + ("" if "慈善" in suffix else field) + suffix
        return Organisation(
            name, credit_code(self.rng, type_digit, place.district_code), place
        )

    def existing(self, pool, suffixes):
        """One of the organisations written so far (a new one while there are none)."""
        if not pool:
            pool.append(self.new_organisation(suffixes))
        return self.rng.choice(pool)
