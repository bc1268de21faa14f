"""IATI codes and constants the export and the import share."""

from organisations.models import Organisation

STREAM_CHUNK = 200


class ActivityDate:
    """IATI ActivityDateType codelist."""

    PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"


class ActivityScope:
    REGIONAL, MULTI_NATIONAL, NATIONAL = "2", "3", "4"


RESULT_OUTCOME = "2"  # ResultType
MEASURE_UNIT, MEASURE_QUALITATIVE = "1", "5"  # IndicatorMeasure
SECTOR_DAC5 = "1"  # SectorVocabulary: OECD DAC CRS purpose codes, 5 digits
SECTOR_NOT_SPECIFIED = "99810"  # DAC "Sectors not specified": the rulesets want at least one sector
REGION_OECD_DAC = "1"  # RegionVocabulary
TAG_SDG_GOAL, TAG_SDG_TARGET = "2", "3"  # TagVocabulary
BUDGET_ORIGINAL, BUDGET_REVISED, BUDGET_INDICATIVE = "1", "2", "1"  # BudgetType, BudgetStatus
# ours (`ilo:derived`): a yearly share of the project's total budget, written for a project without
# recorded budgets; not a budget of its own, so the import leaves it out.
DERIVED_BUDGET = "budget-usd"
RELATED_PARENT, RELATED_CHILD = "1", "2"  # RelatedActivityType
UNKNOWN_PRECISION = "unknown"  # ours: a start date IATI requires but the record does not have
UNKNOWN_START_NOTE = "The start date is not recorded; this is the date the record was created."

# What a new organisation is, when a file gives only its IATI type.
CATEGORY_FOR_TYPE = {
    Organisation.Type.GOVERNMENT: Organisation.Category.MINISTRY,
    Organisation.Type.LOCAL_GOVERNMENT: Organisation.Category.MINISTRY,
    Organisation.Type.OTHER_PUBLIC: Organisation.Category.AGENCY,
    Organisation.Type.INTERNATIONAL_NGO: Organisation.Category.NGO,
    Organisation.Type.NATIONAL_NGO: Organisation.Category.NGO,
    Organisation.Type.REGIONAL_NGO: Organisation.Category.NGO,
    Organisation.Type.PARTNER_COUNTRY_NGO: Organisation.Category.NGO,
    Organisation.Type.MULTILATERAL: Organisation.Category.INTERGOVERNMENTAL,
    Organisation.Type.PRIVATE_SECTOR: Organisation.Category.COMPANY,
    Organisation.Type.PRIVATE_PROVIDER: Organisation.Category.COMPANY,
    Organisation.Type.PRIVATE_RECIPIENT: Organisation.Category.COMPANY,
    Organisation.Type.PRIVATE_THIRD: Organisation.Category.COMPANY,
    Organisation.Type.ACADEMIC: Organisation.Category.ACADEMIC,
}
