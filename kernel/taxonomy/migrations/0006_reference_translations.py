"""The reference taxonomy of migration 0002 in French, Spanish and Japanese.

- The 17 SDGs: the United Nations' own titles (the Goals of resolution A/RES/70/1 in its French and
  Spanish versions; in Japanese, the Ministry of Foreign Affairs of Japan's translation of the Goals
  and the short titles of the UN Information Centre in Tokyo's Goal icons). These are people's
  words, published by the UN and Japan, so their provenance is "written"; "reviewed" would claim a
  review on this site that nobody made.
- ILO regions and themes: translations made for this site, in the ILO's usual terms ("machine").

Each text is filled once, where the row still has migration 0002's English, the column is empty and
nobody has translated the row into that language (its `<lang>_translation` is empty), so a name
staff have edited or translated is left as it is. `fill` also runs after a `flush`
(kernel/taxonomy/apps.py puts the reference data back, then its translations).
"""

from importlib import import_module

from django.db import migrations

# number: the Goal in English, as migration 0002 wrote it
ENGLISH_SDG_NAMES = {
    number: name
    for number, _short, name in import_module("kernel.taxonomy.migrations.0002_reference_data").SDGS
}

LANGUAGES = ("fr", "es", "ja")

# slug: English (as in 0002), then French, Spanish, Japanese
REGIONS = {
    "africa": ("Africa", "Afrique", "África", "アフリカ"),
    "americas": ("Americas", "Amériques", "Américas", "米州"),
    "arab-states": ("Arab States", "États arabes", "Estados Árabes", "アラブ諸国"),
    "asia-pacific": ("Asia and the Pacific", "Asie et Pacifique", "Asia y el Pacífico", "アジア太平洋"),
    "europe-central-asia": (
        "Europe and Central Asia",
        "Europe et Asie centrale",
        "Europa y Asia Central",
        "欧州・中央アジア",
    ),
}

THEMES = {
    "social-protection": ("Social protection", "Protection sociale", "Protección social", "社会保障"),
    "occupational-safety-and-health": (
        "Occupational safety and health",
        "Sécurité et santé au travail",
        "Seguridad y salud en el trabajo",
        "労働安全衛生",
    ),
    "skills-and-employability": (
        "Skills and employability",
        "Compétences et employabilité",
        "Competencias y empleabilidad",
        "技能とエンプロイアビリティ",
    ),
    "employment-policy": ("Employment policy", "Politique de l'emploi", "Política de empleo", "雇用政策"),
    "green-jobs": ("Green jobs", "Emplois verts", "Empleos verdes", "グリーン・ジョブ"),
    "enterprises": (
        "Enterprises and entrepreneurship",
        "Entreprises et entrepreneuriat",
        "Empresas y emprendimiento",
        "企業と起業",
    ),
    "child-labour": ("Child labour", "Travail des enfants", "Trabajo infantil", "児童労働"),
    "informal-economy": (
        "Informal economy and formalization",
        "Économie informelle et formalisation",
        "Economía informal y formalización",
        "インフォーマル経済とフォーマル化",
    ),
    "social-dialogue": (
        "Social dialogue and industrial relations",
        "Dialogue social et relations professionnelles",
        "Diálogo social y relaciones laborales",
        "社会対話と労使関係",
    ),
    "labour-administration": (
        "Labour administration and inspection",
        "Administration et inspection du travail",
        "Administración e inspección del trabajo",
        "労働行政と労働監督",
    ),
    "crisis-response": (
        "Crisis response and recovery",
        "Réponse aux crises et relèvement",
        "Respuesta a las crisis y recuperación",
        "危機対応と復興",
    ),
    "social-solidarity-economy": (
        "Social and solidarity economy and cooperatives",
        "Économie sociale et solidaire et coopératives",
        "Economía social y solidaria y cooperativas",
        "社会的連帯経済と協同組合",
    ),
    "international-labour-standards": (
        "International labour standards",
        "Normes internationales du travail",
        "Normas internacionales del trabajo",
        "国際労働基準",
    ),
    "labour-migration": ("Labour migration", "Migrations de main-d'œuvre", "Migración laboral", "労働移住"),
}

# number: short name in English (as in 0002), French, Spanish, Japanese
SDG_SHORT_NAMES = {
    1: ("No poverty", "Pas de pauvreté", "Fin de la pobreza", "貧困をなくそう"),
    2: ("Zero hunger", "Faim « zéro »", "Hambre cero", "飢餓をゼロに"),
    3: (
        "Good health and well-being",
        "Bonne santé et bien-être",
        "Salud y bienestar",
        "すべての人に健康と福祉を",
    ),
    4: ("Quality education", "Éducation de qualité", "Educación de calidad", "質の高い教育をみんなに"),
    5: ("Gender equality", "Égalité entre les sexes", "Igualdad de género", "ジェンダー平等を実現しよう"),
    6: (
        "Clean water and sanitation",
        "Eau propre et assainissement",
        "Agua limpia y saneamiento",
        "安全な水とトイレを世界中に",
    ),
    7: (
        "Affordable and clean energy",
        "Énergie propre et d'un coût abordable",
        "Energía asequible y no contaminante",
        "エネルギーをみんなに そしてクリーンに",
    ),
    8: (
        "Decent work and economic growth",
        "Travail décent et croissance économique",
        "Trabajo decente y crecimiento económico",
        "働きがいも経済成長も",
    ),
    9: (
        "Industry, innovation and infrastructure",
        "Industrie, innovation et infrastructure",
        "Industria, innovación e infraestructura",
        "産業と技術革新の基盤をつくろう",
    ),
    10: (
        "Reduced inequalities",
        "Inégalités réduites",
        "Reducción de las desigualdades",
        "人や国の不平等をなくそう",
    ),
    11: (
        "Sustainable cities and communities",
        "Villes et communautés durables",
        "Ciudades y comunidades sostenibles",
        "住み続けられるまちづくりを",
    ),
    12: (
        "Responsible consumption and production",
        "Consommation et production responsables",
        "Producción y consumo responsables",
        "つくる責任 つかう責任",
    ),
    13: (
        "Climate action",
        "Mesures relatives à la lutte contre les changements climatiques",
        "Acción por el clima",
        "気候変動に具体的な対策を",
    ),
    14: ("Life below water", "Vie aquatique", "Vida submarina", "海の豊かさを守ろう"),
    15: ("Life on land", "Vie terrestre", "Vida de ecosistemas terrestres", "陸の豊かさも守ろう"),
    16: (
        "Peace, justice and strong institutions",
        "Paix, justice et institutions efficaces",
        "Paz, justicia e instituciones sólidas",
        "平和と公正をすべての人に",
    ),
    17: (
        "Partnerships for the goals",
        "Partenariats pour la réalisation des objectifs",
        "Alianzas para lograr los objetivos",
        "パートナーシップで目標を達成しよう",
    ),
}

# number: the Goal in French, Spanish, Japanese (the English is migration 0002's `name`)
SDG_NAMES = {
    1: (
        "Éliminer la pauvreté sous toutes ses formes et partout dans le monde",
        "Poner fin a la pobreza en todas sus formas en todo el mundo",
        "あらゆる場所のあらゆる形態の貧困を終わらせる",
    ),
    2: (
        "Éliminer la faim, assurer la sécurité alimentaire, améliorer la nutrition et promouvoir "
        "l'agriculture durable",
        "Poner fin al hambre, lograr la seguridad alimentaria y la mejora de la nutrición y promover la "
        "agricultura sostenible",
        "飢餓を終わらせ、食料安全保障及び栄養改善を実現し、持続可能な農業を促進する",
    ),
    3: (
        "Permettre à tous de vivre en bonne santé et promouvoir le bien-être de tous à tout âge",
        "Garantizar una vida sana y promover el bienestar para todos en todas las edades",
        "あらゆる年齢のすべての人々の健康的な生活を確保し、福祉を促進する",
    ),
    4: (
        "Assurer l'accès de tous à une éducation de qualité, sur un pied d'égalité, et promouvoir les "
        "possibilités d'apprentissage tout au long de la vie",
        "Garantizar una educación inclusiva, equitativa y de calidad y promover oportunidades de aprendizaje "
        "durante toda la vida para todos",
        "すべての人々への包摂的かつ公正な質の高い教育を提供し、生涯学習の機会を促進する",
    ),
    5: (
        "Parvenir à l'égalité des sexes et autonomiser toutes les femmes et les filles",
        "Lograr la igualdad entre los géneros y empoderar a todas las mujeres y las niñas",
        "ジェンダー平等を達成し、すべての女性及び女児の能力強化を行う",
    ),
    6: (
        "Garantir l'accès de tous à des services d'alimentation en eau et d'assainissement gérés de façon "
        "durable",
        "Garantizar la disponibilidad y la gestión sostenible del agua y el saneamiento para todos",
        "すべての人々の水と衛生の利用可能性と持続可能な管理を確保する",
    ),
    7: (
        "Garantir l'accès de tous à des services énergétiques fiables, durables et modernes, à un coût "
        "abordable",
        "Garantizar el acceso a una energía asequible, segura, sostenible y moderna para todos",
        "すべての人々の、安価かつ信頼できる持続可能な近代的エネルギーへのアクセスを確保する",
    ),
    8: (
        "Promouvoir une croissance économique soutenue, partagée et durable, le plein emploi productif et "
        "un travail décent pour tous",
        "Promover el crecimiento económico sostenido, inclusivo y sostenible, el empleo pleno y productivo y "
        "el trabajo decente para todos",
        "包摂的かつ持続可能な経済成長及びすべての人々の完全かつ生産的な雇用と働きがいのある人間らしい雇用"
        "（ディーセント・ワーク）を促進する",
    ),
    9: (
        "Bâtir une infrastructure résiliente, promouvoir une industrialisation durable qui profite à tous et "
        "encourager l'innovation",
        "Construir infraestructuras resilientes, promover la industrialización inclusiva y sostenible y "
        "fomentar la innovación",
        "強靱（レジリエント）なインフラ構築、包摂的かつ持続可能な産業化の促進及びイノベーションの推進を図る",
    ),
    10: (
        "Réduire les inégalités dans les pays et d'un pays à l'autre",
        "Reducir la desigualdad en los países y entre ellos",
        "各国内及び各国間の不平等を是正する",
    ),
    11: (
        "Faire en sorte que les villes et les établissements humains soient ouverts à tous, sûrs, "
        "résilients et durables",
        "Lograr que las ciudades y los asentamientos humanos sean inclusivos, seguros, resilientes y "
        "sostenibles",
        "包摂的で安全かつ強靱（レジリエント）で持続可能な都市及び人間居住を実現する",
    ),
    12: (
        "Établir des modes de consommation et de production durables",
        "Garantizar modalidades de consumo y producción sostenibles",
        "持続可能な生産消費形態を確保する",
    ),
    13: (
        "Prendre d'urgence des mesures pour lutter contre les changements climatiques et leurs répercussions",
        "Adoptar medidas urgentes para combatir el cambio climático y sus efectos",
        "気候変動及びその影響を軽減するための緊急対策を講じる",
    ),
    14: (
        "Conserver et exploiter de manière durable les océans, les mers et les ressources marines aux fins "
        "du développement durable",
        "Conservar y utilizar sosteniblemente los océanos, los mares y los recursos marinos para el "
        "desarrollo sostenible",
        "持続可能な開発のために海洋・海洋資源を保全し、持続可能な形で利用する",
    ),
    15: (
        "Préserver et restaurer les écosystèmes terrestres, en veillant à les exploiter de façon durable, "
        "gérer durablement les forêts, lutter contre la désertification, enrayer et inverser le processus "
        "de dégradation des terres et mettre fin à l'appauvrissement de la biodiversité",
        "Proteger, restablecer y promover el uso sostenible de los ecosistemas terrestres, gestionar "
        "sosteniblemente los bosques, luchar contra la desertificación, detener e invertir la degradación "
        "de las tierras y detener la pérdida de biodiversidad",
        "陸域生態系の保護、回復、持続可能な利用の推進、持続可能な森林の経営、砂漠化への対処、ならびに土地の"
        "劣化の阻止・回復及び生物多様性の損失を阻止する",
    ),
    16: (
        "Promouvoir l'avènement de sociétés pacifiques et inclusives aux fins du développement durable, "
        "assurer l'accès de tous à la justice et mettre en place, à tous les niveaux, des institutions "
        "efficaces, responsables et ouvertes à tous",
        "Promover sociedades pacíficas e inclusivas para el desarrollo sostenible, facilitar el acceso a la "
        "justicia para todos y construir a todos los niveles instituciones eficaces e inclusivas que rindan "
        "cuentas",
        "持続可能な開発のための平和で包摂的な社会を促進し、すべての人々に司法へのアクセスを提供し、あらゆる"
        "レベルにおいて効果的で説明責任のある包摂的な制度を構築する",
    ),
    17: (
        "Renforcer les moyens de mettre en œuvre le Partenariat mondial pour le développement durable et le "
        "revitaliser",
        "Fortalecer los medios de implementación y revitalizar la Alianza Mundial para el Desarrollo "
        "Sostenible",
        "持続可能な開発のための実施手段を強化し、グローバル・パートナーシップを活性化する",
    ),
}

MACHINE = "machine"
WRITTEN = "written"


def _fill(row, texts, made):
    """Fill `row`'s empty translation columns from `texts` ({field: {language: text}}) in each
    language nobody has touched (its `<lang>_translation` is empty), and say how they were made.
    True if anything changed."""
    changed = False
    for language in LANGUAGES:
        provenance = f"{language}_translation"
        if getattr(row, provenance):
            continue
        for field, by_language in texts.items():
            column = f"{field}_{language}"
            if not getattr(row, column):
                setattr(row, column, by_language[language])
                setattr(row, provenance, made)
                changed = True
    return changed


def _in_languages(texts):
    return dict(zip(LANGUAGES, texts, strict=True))


def fill(apps, schema_editor=None):
    Region = apps.get_model("taxonomy", "Region")
    Theme = apps.get_model("taxonomy", "Theme")
    SDG = apps.get_model("taxonomy", "SDG")
    if not any(field.name == "name_fr" for field in SDG._meta.get_fields()):
        return  # a state before the translation columns (kernel/taxonomy/apps.py after a flush)

    for model, table in ((Region, REGIONS), (Theme, THEMES)):
        for row in model.objects.filter(slug__in=table):
            english, *translated = table[row.slug]
            if row.name == english and _fill(row, {"name": _in_languages(translated)}, MACHINE):
                row.save()
    for row in SDG.objects.filter(number__in=SDG_SHORT_NAMES):
        english_short, *short_names = SDG_SHORT_NAMES[row.number]
        texts = {}
        if row.short_name == english_short:
            texts["short_name"] = _in_languages(short_names)
        if row.number in SDG_NAMES and row.name == ENGLISH_SDG_NAMES[row.number]:
            texts["name"] = _in_languages(SDG_NAMES[row.number])
        if _fill(row, texts, WRITTEN):
            row.save()


def unfill(apps, schema_editor):
    """Empty the columns this migration filled, where they still hold its text."""
    Region = apps.get_model("taxonomy", "Region")
    Theme = apps.get_model("taxonomy", "Theme")
    SDG = apps.get_model("taxonomy", "SDG")
    for model, table in ((Region, REGIONS), (Theme, THEMES)):
        for row in model.objects.filter(slug__in=table):
            _unfill(row, {"name": _in_languages(table[row.slug][1:])}, MACHINE)
    for row in SDG.objects.filter(number__in=SDG_SHORT_NAMES):
        texts = {"short_name": _in_languages(SDG_SHORT_NAMES[row.number][1:])}
        if row.number in SDG_NAMES:
            texts["name"] = _in_languages(SDG_NAMES[row.number])
        _unfill(row, texts, WRITTEN)


def _unfill(row, texts, made):
    changed = False
    for field, by_language in texts.items():
        for language, text in by_language.items():
            column = f"{field}_{language}"
            if getattr(row, column) == text:
                setattr(row, column, "")
                changed = True
    for language in LANGUAGES:
        still = any(getattr(row, f"{field}_{language}") for field in texts)
        if not still and getattr(row, f"{language}_translation") == made:
            setattr(row, f"{language}_translation", "")
            changed = True
    if changed:
        row.save()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0005_translations")]

    operations = [migrations.RunPython(fill, unfill)]
