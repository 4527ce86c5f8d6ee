//! The party's territorial tree: regions and their district and city branches (2020 borders), and
//! the primary party organizations (PPOs) the demo places under them.

use crate::Scale;
use crate::names::{GROUPS, translit};
use crate::rng::Rng;
use mandat_core::{Code, UnitKind, UnitNames};

/// The 2020 Almaty region, exactly as published (`data/almaty-region-2020.csv`).
pub(crate) const ALMATY_CSV: &str = include_str!("../../../data/almaty-region-2020.csv");

/// Code of the national root.
pub const CENTRAL: &str = "NO";

/// Members and PPOs of the Almaty region (the whole of the region demo).
pub(crate) const ALMATY_MEMBERS: u64 = 42_000;
pub(crate) const ALMATY_PPOS: u64 = 225;
/// The national yardstick (PRODUCT.md): members, PPOs.
pub(crate) const NATIONAL_MEMBERS: u64 = 835_000;
pub(crate) const NATIONAL_PPOS: u64 = 4_500;

const MIN_PPOS_PER_BRANCH: u64 = 3;
const MIN_PPO_SIZE: u64 = 20;
const MAX_PPO_SIZE: u64 = 600;

/// A district or city branch of the static table: Latin code suffix, whether it is a city,
/// Russian adjective (`Аккольский`), Russian city name (cities only), Kazakh and English names,
/// and a weight (about the population, in thousands) that sets how many PPOs it gets.
struct BranchDef {
    suffix: &'static str,
    city: bool,
    ru_adj: &'static str,
    ru_city: &'static str,
    kk: &'static str,
    en: &'static str,
    weight: u32,
}

const fn d(
    suffix: &'static str,
    ru_adj: &'static str,
    kk: &'static str,
    en: &'static str,
    weight: u32,
) -> BranchDef {
    BranchDef {
        suffix,
        city: false,
        ru_adj,
        ru_city: "",
        kk,
        en,
        weight,
    }
}

const fn c(
    suffix: &'static str,
    ru_adj: &'static str,
    ru_city: &'static str,
    kk: &'static str,
    en: &'static str,
    weight: u32,
) -> BranchDef {
    BranchDef {
        suffix,
        city: true,
        ru_adj,
        ru_city,
        kk,
        en,
        weight,
    }
}

/// A regional branch: an oblast, or a city of republican significance (`city`).
struct RegionDef {
    code: &'static str,
    city: bool,
    ru_adj: &'static str,
    /// "of the region" in Russian, for list names: `Акмолинской области`, `города Алматы`.
    ru_gen: &'static str,
    kk: &'static str,
    en: &'static str,
    /// Population in 2020, thousands.
    population: u32,
    /// Per mille of members by name group (see [`crate::names::Group`]).
    groups: [u32; GROUPS],
    branches: &'static [BranchDef],
}

/// Weights of the Almaty region's branches (population in thousands, 2020), by code.
const ALMATY_WEIGHTS: &[(&str, u32)] = &[
    ("ALM-AKSU", 41),
    ("ALM-ALAKOL", 68),
    ("ALM-BALKHASH", 29),
    ("ALM-ENBEK", 300),
    ("ALM-ESKELDI", 50),
    ("ALM-ZHAMBYL", 140),
    ("ALM-ILI", 230),
    ("ALM-KARASAI", 300),
    ("ALM-KARATAL", 48),
    ("ALM-KEGEN", 30),
    ("ALM-KERBULAK", 55),
    ("ALM-KOKSU", 40),
    ("ALM-PANFILOV", 125),
    ("ALM-RAIYMBEK", 55),
    ("ALM-SARKAND", 40),
    ("ALM-TALGAR", 190),
    ("ALM-UIGHUR", 65),
    ("ALM-TALDYKORGAN", 170),
    ("ALM-KAPSHAGAY", 60),
    ("ALM-TEKELI", 30),
];

// Name groups: Kazakh, Russian, Ukrainian, Uighur, Uzbek, Tatar, Korean, German.
const REGIONS: &[RegionDef] = &[
    RegionDef {
        code: "ALM",
        city: false,
        ru_adj: "Алматинский",
        ru_gen: "Алматинской области",
        kk: "Алматы",
        en: "Almaty",
        population: 2055,
        groups: [700, 165, 10, 80, 5, 15, 15, 10],
        branches: &[], // from the CSV
    },
    RegionDef {
        code: "AKM",
        city: false,
        ru_adj: "Акмолинский",
        ru_gen: "Акмолинской области",
        kk: "Ақмола",
        en: "Akmola",
        population: 738,
        groups: [520, 320, 50, 0, 0, 30, 10, 70],
        branches: &[
            c(
                "KOKSHETAU",
                "Кокшетауский",
                "Кокшетау",
                "Көкшетау",
                "Kokshetau",
                160,
            ),
            c(
                "STEPNOGORSK",
                "Степногорский",
                "Степногорск",
                "Степногор",
                "Stepnogorsk",
                65,
            ),
            d("AKKOL", "Аккольский", "Ақкөл", "Akkol", 25),
            d("ARSHALY", "Аршалынский", "Аршалы", "Arshaly", 30),
            d("ASTRAKHAN", "Астраханский", "Астрахан", "Astrakhan", 20),
            d("ATBASAR", "Атбасарский", "Атбасар", "Atbasar", 40),
            d("BULANDY", "Буландынский", "Бұланды", "Bulandy", 25),
            d("BURABAY", "Бурабайский", "Бурабай", "Burabay", 70),
            d("EGINDYKOL", "Егиндыкольский", "Егіндікөл", "Egindykol", 6),
            d(
                "EREYMENTAU",
                "Ерейментауский",
                "Ерейментау",
                "Ereymentau",
                25,
            ),
            d("ESIL", "Есильский", "Есіл", "Esil", 22),
            d("ZHAKSY", "Жаксынский", "Жақсы", "Zhaksy", 16),
            d("ZHARKAIYN", "Жаркаинский", "Жарқайың", "Zharkaiyn", 15),
            d("ZERENDI", "Зерендинский", "Зеренді", "Zerendi", 38),
            d("KORGALZHYN", "Коргалжынский", "Қорғалжын", "Korgalzhyn", 10),
            d("SANDYKTAU", "Сандыктауский", "Сандықтау", "Sandyktau", 16),
            d(
                "TSELINOGRAD",
                "Целиноградский",
                "Целиноград",
                "Tselinograd",
                80,
            ),
            d("SHORTANDY", "Шортандинский", "Шортанды", "Shortandy", 30),
        ],
    },
    RegionDef {
        code: "AKT",
        city: false,
        ru_adj: "Актюбинский",
        ru_gen: "Актюбинской области",
        kk: "Ақтөбе",
        en: "Aktobe",
        population: 895,
        groups: [870, 80, 20, 0, 5, 15, 0, 10],
        branches: &[
            c("AKTOBE", "Актюбинский", "Актобе", "Ақтөбе", "Aktobe", 500),
            d("ALGA", "Алгинский", "Алға", "Alga", 40),
            d("AITEKE-BI", "Айтекебийский", "Әйтеке би", "Aiteke Bi", 25),
            d("BAIGANIN", "Байганинский", "Байғанин", "Baiganin", 24),
            d("IRGIZ", "Иргизский", "Ырғыз", "Irgiz", 15),
            d("KARGALY", "Каргалинский", "Қарғалы", "Kargaly", 17),
            d("MARTUK", "Мартукский", "Мәртөк", "Martuk", 30),
            d("MUGALZHAR", "Мугалжарский", "Мұғалжар", "Mugalzhar", 65),
            d("TEMIR", "Темирский", "Темір", "Temir", 35),
            d("UIL", "Уилский", "Ойыл", "Uil", 15),
            d("KHOBDA", "Хобдинский", "Қобда", "Khobda", 17),
            d("KHROMTAU", "Хромтауский", "Хромтау", "Khromtau", 45),
            d("SHALKAR", "Шалкарский", "Шалқар", "Shalkar", 46),
        ],
    },
    RegionDef {
        code: "ATR",
        city: false,
        ru_adj: "Атырауский",
        ru_gen: "Атырауской области",
        kk: "Атырау",
        en: "Atyrau",
        population: 657,
        groups: [930, 50, 5, 0, 0, 10, 5, 0],
        branches: &[
            c("ATYRAU", "Атырауский", "Атырау", "Атырау", "Atyrau", 360),
            d("ZHYLYOI", "Жылыойский", "Жылыой", "Zhylyoi", 80),
            d("INDER", "Индерский", "Индер", "Inder", 32),
            d("ISATAY", "Исатайский", "Исатай", "Isatay", 25),
            d("KYZYLKOGA", "Кзылкогинский", "Қызылқоға", "Kyzylkoga", 30),
            d(
                "KURMANGAZY",
                "Курмангазинский",
                "Құрманғазы",
                "Kurmangazy",
                55,
            ),
            d("MAKAT", "Макатский", "Мақат", "Makat", 28),
            d("MAKHAMBET", "Махамбетский", "Махамбет", "Makhambet", 30),
        ],
    },
    RegionDef {
        code: "VKO",
        city: false,
        ru_adj: "Восточно-Казахстанский",
        ru_gen: "Восточно-Казахстанской области",
        kk: "Шығыс Қазақстан",
        en: "East Kazakhstan",
        population: 1369,
        groups: [620, 340, 10, 0, 0, 20, 5, 5],
        branches: &[
            c(
                "UST-KAMENOGORSK",
                "Усть-Каменогорский",
                "Усть-Каменогорск",
                "Өскемен",
                "Ust-Kamenogorsk",
                340,
            ),
            c("SEMEY", "Семейский", "Семей", "Семей", "Semey", 330),
            d("ABAI", "Абайский", "Абай", "Abai", 17),
            d("AYAGOZ", "Аягозский", "Аягөз", "Ayagoz", 70),
            d(
                "BESKARAGAY",
                "Бескарагайский",
                "Бесқарағай",
                "Beskaragay",
                20,
            ),
            d(
                "BORODULIKHA",
                "Бородулихинский",
                "Бородулиха",
                "Borodulikha",
                35,
            ),
            d("GLUBOKOE", "Глубоковский", "Глубокое", "Glubokoe", 60),
            d("ZHARMA", "Жарминский", "Жарма", "Zharma", 37),
            d("ZAISAN", "Зайсанский", "Зайсан", "Zaisan", 38),
            d("ALTAI", "Алтайский", "Алтай", "Altai", 65),
            d(
                "KATON-KARAGAY",
                "Катон-Карагайский",
                "Катонқарағай",
                "Katon-Karagay",
                30,
            ),
            d("KOKPEKTY", "Кокпектинский", "Көкпекті", "Kokpekty", 27),
            d("KURCHUM", "Курчумский", "Күршім", "Kurchum", 26),
            d(
                "TARBAGATAY",
                "Тарбагатайский",
                "Тарбағатай",
                "Tarbagatay",
                45,
            ),
            d("ULAN", "Уланский", "Ұлан", "Ulan", 37),
            d("URZHAR", "Урджарский", "Үржар", "Urzhar", 70),
            d(
                "SHEMONAIKHA",
                "Шемонаихинский",
                "Шемонаиха",
                "Shemonaikha",
                40,
            ),
        ],
    },
    RegionDef {
        code: "ZHM",
        city: false,
        ru_adj: "Жамбылский",
        ru_gen: "Жамбылской области",
        kk: "Жамбыл",
        en: "Zhambyl",
        population: 1130,
        groups: [780, 90, 5, 10, 25, 15, 40, 35],
        branches: &[
            c("TARAZ", "Таразский", "Тараз", "Тараз", "Taraz", 360),
            d("BAIZAK", "Байзакский", "Бәйзақ", "Baizak", 105),
            d("ZHAMBYL", "Жамбылский", "Жамбыл", "Zhambyl", 75),
            d("ZHUALY", "Жуалынский", "Жуалы", "Zhualy", 48),
            d("KORDAI", "Кордайский", "Қордай", "Kordai", 140),
            d("MERKE", "Меркенский", "Меркі", "Merke", 85),
            d("MOIYNKUM", "Мойынкумский", "Мойынқұм", "Moiynkum", 33),
            d("SARYSU", "Сарысуский", "Сарысу", "Sarysu", 40),
            d("TALAS", "Таласский", "Талас", "Talas", 55),
            d("SHU", "Шуский", "Шу", "Shu", 115),
        ],
    },
    RegionDef {
        code: "ZKO",
        city: false,
        ru_adj: "Западно-Казахстанский",
        ru_gen: "Западно-Казахстанской области",
        kk: "Батыс Қазақстан",
        en: "West Kazakhstan",
        population: 657,
        groups: [780, 190, 10, 0, 0, 15, 0, 5],
        branches: &[
            c("URALSK", "Уральский", "Уральск", "Орал", "Uralsk", 330),
            d("AKZHAIYK", "Акжаикский", "Ақжайық", "Akzhaiyk", 38),
            d("BOKEYORDA", "Бокейординский", "Бөкей орда", "Bokeyorda", 16),
            d("BURLIN", "Бурлинский", "Бөрлі", "Burlin", 55),
            d("ZHANGALA", "Жангалинский", "Жаңақала", "Zhangala", 23),
            d("ZHANIBEK", "Жанибекский", "Жәнібек", "Zhanibek", 17),
            d("BAITEREK", "Байтерекский", "Бәйтерек", "Baiterek", 55),
            d("KAZTALOV", "Казталовский", "Қазталов", "Kaztalov", 30),
            d("KARATOBE", "Каратобинский", "Қаратөбе", "Karatobe", 17),
            d("SYRYM", "Сырымский", "Сырым", "Syrym", 18),
            d("TASKALA", "Таскалинский", "Тасқала", "Taskala", 15),
            d("TEREKTY", "Теректинский", "Теректі", "Terekty", 40),
            d("CHINGIRLAU", "Чингирлауский", "Шыңғырлау", "Chingirlau", 12),
        ],
    },
    RegionDef {
        code: "KAR",
        city: false,
        ru_adj: "Карагандинский",
        ru_gen: "Карагандинской области",
        kk: "Қарағанды",
        en: "Karaganda",
        population: 1376,
        groups: [560, 330, 30, 0, 0, 30, 10, 40],
        branches: &[
            c(
                "KARAGANDA",
                "Карагандинский",
                "Караганда",
                "Қарағанды",
                "Karaganda",
                500,
            ),
            c(
                "TEMIRTAU",
                "Темиртауский",
                "Темиртау",
                "Теміртау",
                "Temirtau",
                180,
            ),
            c(
                "ZHEZKAZGAN",
                "Жезказганский",
                "Жезказган",
                "Жезқазған",
                "Zhezkazgan",
                90,
            ),
            c("BALKHASH", "Балхашский", "Балхаш", "Балқаш", "Balkhash", 75),
            c(
                "SATPAYEV",
                "Сатпаевский",
                "Сатпаев",
                "Сәтбаев",
                "Satpayev",
                70,
            ),
            d("ABAI", "Абайский", "Абай", "Abai", 50),
            d("AKTOGAY", "Актогайский", "Ақтоғай", "Aktogay", 15),
            d(
                "BUKHAR-ZHYRAU",
                "Бухар-Жырауский",
                "Бұқар жырау",
                "Bukhar-Zhyrau",
                60,
            ),
            d("ZHANAARKA", "Жанааркинский", "Жаңаарқа", "Zhanaarka", 30),
            d("KARKARALY", "Каркаралинский", "Қарқаралы", "Karkaraly", 38),
            d("NURA", "Нуринский", "Нұра", "Nura", 25),
            d("OSAKAROV", "Осакаровский", "Осакаров", "Osakarov", 30),
            d("ULYTAU", "Улытауский", "Ұлытау", "Ulytau", 12),
            d("SHET", "Шетский", "Шет", "Shet", 45),
        ],
    },
    RegionDef {
        code: "KST",
        city: false,
        ru_adj: "Костанайский",
        ru_gen: "Костанайской области",
        kk: "Қостанай",
        en: "Kostanay",
        population: 868,
        groups: [420, 400, 80, 0, 0, 20, 0, 80],
        branches: &[
            c(
                "KOSTANAY",
                "Костанайский",
                "Костанай",
                "Қостанай",
                "Kostanay",
                250,
            ),
            c("RUDNY", "Рудненский", "Рудный", "Рудный", "Rudny", 130),
            c(
                "ARKALYK",
                "Аркалыкский",
                "Аркалык",
                "Арқалық",
                "Arkalyk",
                40,
            ),
            d(
                "ALTYNSARIN",
                "Алтынсаринский",
                "Алтынсарин",
                "Altynsarin",
                14,
            ),
            d("AMANGELDY", "Амангельдинский", "Амангелді", "Amangeldy", 15),
            d("AULIEKOL", "Аулиекольский", "Әулиекөл", "Auliekol", 45),
            d("DENISOV", "Денисовский", "Денисов", "Denisov", 20),
            d(
                "ZHANGELDIN",
                "Джангельдинский",
                "Жангелдин",
                "Zhangeldin",
                14,
            ),
            d("ZHITIKARA", "Житикаринский", "Жітіқара", "Zhitikara", 45),
            d("KAMYSTY", "Камыстинский", "Қамысты", "Kamysty", 15),
            d("KARABALYK", "Карабалыкский", "Қарабалық", "Karabalyk", 30),
            d("KARASU", "Карасуский", "Қарасу", "Karasu", 25),
            d("KOSTANAY-R", "Костанайский", "Қостанай", "Kostanay", 70),
            d("MENDYKARA", "Мендыкаринский", "Меңдіқара", "Mendykara", 25),
            d("NAURZUM", "Наурзумский", "Наурызым", "Naurzum", 10),
            d("SARYKOL", "Сарыкольский", "Сарыкөл", "Sarykol", 20),
            d("UZUNKOL", "Узункольский", "Ұзынкөл", "Uzunkol", 20),
            d("FEDOROV", "Федоровский", "Федоров", "Fedorov", 23),
        ],
    },
    RegionDef {
        code: "KZO",
        city: false,
        ru_adj: "Кызылординский",
        ru_gen: "Кызылординской области",
        kk: "Қызылорда",
        en: "Kyzylorda",
        population: 804,
        groups: [960, 20, 0, 0, 5, 5, 10, 0],
        branches: &[
            c(
                "KYZYLORDA",
                "Кызылординский",
                "Кызылорда",
                "Қызылорда",
                "Kyzylorda",
                300,
            ),
            d("ARAL", "Аральский", "Арал", "Aral", 80),
            d("ZHALAGASH", "Жалагашский", "Жалағаш", "Zhalagash", 35),
            d(
                "ZHANAKORGAN",
                "Жанакорганский",
                "Жаңақорған",
                "Zhanakorgan",
                80,
            ),
            d("KAZALY", "Казалинский", "Қазалы", "Kazaly", 75),
            d("KARMAKSHY", "Кармакшинский", "Қармақшы", "Karmakshy", 50),
            d("SYRDARYA", "Сырдарьинский", "Сырдария", "Syrdarya", 35),
            d("SHIELI", "Шиелийский", "Шиелі", "Shieli", 80),
        ],
    },
    RegionDef {
        code: "MNG",
        city: false,
        ru_adj: "Мангистауский",
        ru_gen: "Мангистауской области",
        kk: "Маңғыстау",
        en: "Mangystau",
        population: 698,
        groups: [920, 50, 5, 0, 5, 15, 0, 5],
        branches: &[
            c("AKTAU", "Актауский", "Актау", "Ақтау", "Aktau", 190),
            c(
                "ZHANAOZEN",
                "Жанаозенский",
                "Жанаозен",
                "Жаңаөзен",
                "Zhanaozen",
                160,
            ),
            d("BEINEU", "Бейнеуский", "Бейнеу", "Beineu", 70),
            d("KARAKIYA", "Каракиянский", "Қарақия", "Karakiya", 45),
            d("MANGYSTAU", "Мангистауский", "Маңғыстау", "Mangystau", 40),
            d("MUNAILY", "Мунайлинский", "Мұнайлы", "Munaily", 150),
            d(
                "TUPKARAGAN",
                "Тупкараганский",
                "Түпқараған",
                "Tupkaragan",
                30,
            ),
        ],
    },
    RegionDef {
        code: "PVL",
        city: false,
        ru_adj: "Павлодарский",
        ru_gen: "Павлодарской области",
        kk: "Павлодар",
        en: "Pavlodar",
        population: 753,
        groups: [520, 370, 40, 0, 0, 25, 0, 45],
        branches: &[
            c(
                "PAVLODAR",
                "Павлодарский",
                "Павлодар",
                "Павлодар",
                "Pavlodar",
                360,
            ),
            c(
                "EKIBASTUZ",
                "Экибастузский",
                "Экибастуз",
                "Екібастұз",
                "Ekibastuz",
                150,
            ),
            c("AKSU", "Аксуский", "Аксу", "Ақсу", "Aksu", 70),
            d("AKTOGAY", "Актогайский", "Ақтоғай", "Aktogay", 12),
            d("BAYANAUL", "Баянаульский", "Баянауыл", "Bayanaul", 25),
            d("ZHELEZIN", "Железинский", "Железин", "Zhelezin", 20),
            d("IRTYSH", "Иртышский", "Ертіс", "Irtysh", 16),
            d("TERENKOL", "Теренкольский", "Тереңкөл", "Terenkol", 25),
            d("AKKULY", "Аккулинский", "Аққулы", "Akkuly", 12),
            d("MAY", "Майский", "Май", "May", 9),
            d("PAVLODAR-R", "Павлодарский", "Павлодар", "Pavlodar", 30),
            d("USPEN", "Успенский", "Успен", "Uspen", 15),
            d(
                "SHCHERBAKTY",
                "Щербактинский",
                "Шарбақты",
                "Shcherbakty",
                25,
            ),
        ],
    },
    RegionDef {
        code: "SKO",
        city: false,
        ru_adj: "Северо-Казахстанский",
        ru_gen: "Северо-Казахстанской области",
        kk: "Солтүстік Қазақстан",
        en: "North Kazakhstan",
        population: 548,
        groups: [360, 500, 40, 0, 0, 20, 0, 80],
        branches: &[
            c(
                "PETROPAVLOVSK",
                "Петропавловский",
                "Петропавловск",
                "Петропавл",
                "Petropavlovsk",
                220,
            ),
            d("AIYRTAU", "Айыртауский", "Айыртау", "Aiyrtau", 35),
            d("AKZHAR", "Акжарский", "Ақжар", "Akzhar", 15),
            d("AKKAIYN", "Аккайынский", "Аққайың", "Akkaiyn", 20),
            d("ESIL", "Есильский", "Есіл", "Esil", 20),
            d("ZHAMBYL", "Жамбылский", "Жамбыл", "Zhambyl", 20),
            d("KYZYLZHAR", "Кызылжарский", "Қызылжар", "Kyzylzhar", 45),
            d("MAMLYUT", "Мамлютский", "Мамлют", "Mamlyut", 15),
            d("TAIYNSHA", "Тайыншинский", "Тайынша", "Taiynsha", 40),
            d("TIMIRYAZEV", "Тимирязевский", "Тимирязев", "Timiryazev", 12),
            d("UALIKHANOV", "Уалихановский", "Уәлиханов", "Ualikhanov", 15),
        ],
    },
    RegionDef {
        code: "TRK",
        city: false,
        ru_adj: "Туркестанский",
        ru_gen: "Туркестанской области",
        kk: "Түркістан",
        en: "Turkestan",
        population: 2016,
        groups: [720, 20, 0, 0, 250, 5, 5, 0],
        branches: &[
            c(
                "TURKESTAN",
                "Туркестанский",
                "Туркестан",
                "Түркістан",
                "Turkestan",
                170,
            ),
            c("KENTAU", "Кентауский", "Кентау", "Кентау", "Kentau", 75),
            c("ARYS", "Арысский", "Арысь", "Арыс", "Arys", 80),
            d("BAIDIBEK", "Байдибекский", "Бәйдібек", "Baidibek", 55),
            d("KAZYGURT", "Казыгуртский", "Қазығұрт", "Kazygurt", 115),
            d("MAKTAARAL", "Мактааральский", "Мақтаарал", "Maktaaral", 150),
            d("ORDABASY", "Ордабасинский", "Ордабасы", "Ordabasy", 125),
            d("OTYRAR", "Отырарский", "Отырар", "Otyrar", 55),
            d("SAIRAM", "Сайрамский", "Сайрам", "Sairam", 320),
            d("SARYAGASH", "Сарыагашский", "Сарыағаш", "Saryagash", 210),
            d("SOZAK", "Сузакский", "Созақ", "Sozak", 60),
            d("TOLEBI", "Толебийский", "Төлеби", "Tolebi", 120),
            d("TYULKUBAS", "Тюлькубасский", "Түлкібас", "Tyulkubas", 110),
            d("SHARDARA", "Шардаринский", "Шардара", "Shardara", 80),
            d("ZHETYSAI", "Жетысайский", "Жетісай", "Zhetysai", 180),
            d("KELES", "Келесский", "Келес", "Keles", 150),
        ],
    },
    RegionDef {
        code: "NUR",
        city: true,
        ru_adj: "Нур-Султанский",
        ru_gen: "города Нур-Султан",
        kk: "Нұр-Сұлтан",
        en: "Nur-Sultan",
        population: 1136,
        groups: [780, 160, 10, 0, 5, 20, 15, 10],
        branches: &[
            d("ALMATY", "Алматинский", "Алматы", "Almaty", 400),
            d("BAIKONYR", "Байконурский", "Байқоңыр", "Baikonyr", 250),
            d("ESIL", "Есильский", "Есіл", "Esil", 250),
            d("SARYARKA", "Сарыаркинский", "Сарыарқа", "Saryarka", 300),
        ],
    },
    RegionDef {
        code: "ALA",
        city: true,
        ru_adj: "Алматинский",
        ru_gen: "города Алматы",
        kk: "Алматы",
        en: "Almaty",
        population: 1916,
        groups: [600, 270, 10, 60, 5, 20, 30, 5],
        branches: &[
            d("ALATAU", "Алатауский", "Алатау", "Alatau", 300),
            d("ALMALY", "Алмалинский", "Алмалы", "Almaly", 210),
            d("AUEZOV", "Ауэзовский", "Әуезов", "Auezov", 300),
            d("BOSTANDYK", "Бостандыкский", "Бостандық", "Bostandyk", 330),
            d("ZHETYSU", "Жетысуский", "Жетісу", "Zhetysu", 160),
            d("MEDEU", "Медеуский", "Медеу", "Medeu", 210),
            d("NAURYZBAY", "Наурызбайский", "Наурызбай", "Nauryzbay", 180),
            d("TURKSIB", "Турксибский", "Түрксіб", "Turksib", 240),
        ],
    },
    RegionDef {
        code: "SHY",
        city: true,
        ru_adj: "Шымкентский",
        ru_gen: "города Шымкент",
        kk: "Шымкент",
        en: "Shymkent",
        population: 1038,
        groups: [700, 50, 0, 0, 230, 10, 10, 0],
        branches: &[
            d("ABAI", "Абайский", "Абай", "Abai", 300),
            d(
                "AL-FARABI",
                "Аль-Фарабийский",
                "Әл-Фараби",
                "Al-Farabi",
                230,
            ),
            d("ENBEKSHI", "Енбекшинский", "Еңбекші", "Enbekshi", 280),
            d("KARATAU", "Каратауский", "Қаратау", "Karatau", 250),
        ],
    },
];

/// A regional branch as the demo builds it.
#[derive(Clone, Debug)]
pub(crate) struct Region {
    pub code: String,
    /// A city of republican significance (its branches are city districts).
    pub city: bool,
    pub names: UnitNames,
    pub ru_adj: String,
    pub ru_gen: String,
    pub population: u32,
    pub groups: [u32; GROUPS],
    pub branches: Vec<Branch>,
}

/// A district or city branch as the demo builds it.
#[derive(Clone, Debug)]
pub(crate) struct Branch {
    pub code: String,
    pub kind: UnitKind,
    pub names: UnitNames,
    /// `Аксуский`: for the names of its maslikhat.
    pub ru_adj: String,
    /// How a PPO's name refers to the branch: `Аксуского района`, `Ақсу ауданының`, `Aksu district`.
    pub ppo_ru: String,
    pub ppo_kk: String,
    pub ppo_en: String,
    pub weight: u32,
}

/// One row of the unit tree, in creation order (parents first).
#[derive(Clone, Debug)]
pub(crate) struct UnitRow {
    pub code: String,
    pub parent: Option<String>,
    pub kind: UnitKind,
    pub names: UnitNames,
}

/// A PPO and the number of members the demo gives it.
#[derive(Clone, Debug)]
pub(crate) struct Ppo {
    pub code: Code,
    pub region: usize,
    pub size: u64,
}

/// The whole tree of a scale for a seed.
#[derive(Clone, Debug)]
pub(crate) struct Tree {
    pub regions: Vec<Region>,
    pub units: Vec<UnitRow>,
    pub ppos: Vec<Ppo>,
}

fn strip<'a>(text: &'a str, suffixes: &[&str]) -> &'a str {
    suffixes
        .iter()
        .find_map(|s| text.strip_suffix(s))
        .unwrap_or(text)
        .trim()
}

/// `Аксуский` → `Аксуского` (masculine adjective, genitive).
fn genitive(adjective: &str) -> String {
    match adjective
        .strip_suffix("ий")
        .or_else(|| adjective.strip_suffix("ой"))
    {
        Some(stem) => format!("{stem}ого"),
        None => adjective.to_string(),
    }
}

fn almaty_from_csv() -> Region {
    let mut region = region_from_def(&REGIONS[0]);
    let mut reader = csv::ReaderBuilder::new().from_reader(ALMATY_CSV.as_bytes());
    for record in reader.records().flatten() {
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let (code, parent, kind) = (field(0), field(1), field(2));
        let names = UnitNames {
            ru: field(3),
            kk: field(4),
            en: field(5),
        };
        if parent.is_empty() {
            region.code = code;
            region.names = names;
            continue;
        }
        let city = kind == "city";
        let ru_adj = strip(&names.ru, &[" районный филиал", " городской филиал"]).to_string();
        let kk = strip(&names.kk, &[" аудандық филиалы", " қалалық филиалы"]).to_string();
        let en = strip(&names.en, &[" district branch", " city branch"]).to_string();
        let weight = ALMATY_WEIGHTS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(50, |(_, w)| *w);
        let (ppo_ru, ppo_kk, ppo_en) = if city {
            (
                format!("города {}", translit(&kk)),
                format!("{kk} қаласының"),
                format!("{en} city"),
            )
        } else {
            (
                format!("{} района", genitive(&ru_adj)),
                format!("{kk} ауданының"),
                format!("{en} district"),
            )
        };
        region.branches.push(Branch {
            code,
            kind: if city {
                UnitKind::City
            } else {
                UnitKind::District
            },
            names,
            ru_adj,
            ppo_ru,
            ppo_kk,
            ppo_en,
            weight,
        });
    }
    region
}

fn region_from_def(def: &RegionDef) -> Region {
    let names = if def.city {
        UnitNames {
            ru: format!("{} городской филиал", def.ru_adj),
            kk: format!("{} қалалық филиалы", def.kk),
            en: format!("{} city branch", def.en),
        }
    } else {
        UnitNames {
            ru: format!("{} областной филиал", def.ru_adj),
            kk: format!("{} облыстық филиалы", def.kk),
            en: format!("{} regional branch", def.en),
        }
    };
    let branches = def
        .branches
        .iter()
        .map(|b| {
            let code = format!("{}-{}", def.code, b.suffix);
            if b.city {
                Branch {
                    code,
                    kind: UnitKind::City,
                    names: UnitNames {
                        ru: format!("{} городской филиал", b.ru_adj),
                        kk: format!("{} қалалық филиалы", b.kk),
                        en: format!("{} city branch", b.en),
                    },
                    ru_adj: b.ru_adj.to_string(),
                    ppo_ru: format!("города {}", b.ru_city),
                    ppo_kk: format!("{} қаласының", b.kk),
                    ppo_en: format!("{} city", b.en),
                    weight: b.weight,
                }
            } else {
                let (ppo_ru, ppo_kk, ppo_en) = if def.city {
                    (
                        format!("{} района {}", genitive(b.ru_adj), def.ru_gen),
                        format!("{} қаласы {} ауданының", def.kk, b.kk),
                        format!("{} district ({})", b.en, def.en),
                    )
                } else {
                    (
                        format!("{} района", genitive(b.ru_adj)),
                        format!("{} ауданының", b.kk),
                        format!("{} district", b.en),
                    )
                };
                Branch {
                    code,
                    kind: UnitKind::District,
                    names: UnitNames {
                        ru: format!("{} районный филиал", b.ru_adj),
                        kk: format!("{} аудандық филиалы", b.kk),
                        en: format!("{} district branch", b.en),
                    },
                    ru_adj: b.ru_adj.to_string(),
                    ppo_ru,
                    ppo_kk,
                    ppo_en,
                    weight: b.weight,
                }
            }
        })
        .collect();
    Region {
        code: def.code.to_string(),
        city: def.city,
        names,
        ru_adj: def.ru_adj.to_string(),
        ru_gen: def.ru_gen.to_string(),
        population: def.population,
        groups: def.groups,
        branches,
    }
}

/// The regions of a scale with their branches (no PPOs: those depend on the seed).
pub(crate) fn regions(scale: Scale) -> Vec<Region> {
    match scale {
        Scale::Region => vec![almaty_from_csv()],
        Scale::National => std::iter::once(almaty_from_csv())
            .chain(REGIONS[1..].iter().map(region_from_def))
            .collect(),
    }
}

/// Splits `total` in proportion to `weights` by largest remainder (ties to the earlier entry).
pub(crate) fn apportion(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<u64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(*w);
        shares.push((exact / sum) as u64);
        remainders.push((exact % sum, i));
    }
    let given: u64 = shares.iter().sum();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().take(total.saturating_sub(given) as usize) {
        shares[*i] += 1;
    }
    shares
}

/// (members, PPOs) of each region of the scale.
fn region_totals(regions: &[Region]) -> Vec<(u64, u64)> {
    let others: Vec<u64> = regions
        .iter()
        .skip(1)
        .map(|r| u64::from(r.population))
        .collect();
    let members = apportion(NATIONAL_MEMBERS - ALMATY_MEMBERS, &others);
    let ppos = apportion(NATIONAL_PPOS - ALMATY_PPOS, &others);
    std::iter::once((ALMATY_MEMBERS, ALMATY_PPOS))
        .chain(members.into_iter().zip(ppos))
        .collect()
}

/// `weight^(3/4)`, scaled, in integers (so that the result never depends on a platform's libm).
fn damped(weight: u32) -> u64 {
    let w = u128::from(weight) * 1000;
    (w * w * w).isqrt().isqrt() as u64
}

/// Builds the tree of a scale: every unit in creation order and every PPO's size.
pub(crate) fn tree(scale: Scale, seed: u64) -> Tree {
    let regions = regions(scale);
    let totals = region_totals(&regions);
    let mut units = Vec::new();
    let mut ppos = Vec::new();
    // The party's central office heads both scales: the region demo's regional conference
    // elects its delegates to the congress too.
    units.push(UnitRow {
        code: CENTRAL.to_string(),
        parent: None,
        kind: UnitKind::Central,
        names: UnitNames {
            ru: "Центральный аппарат партии".into(),
            kk: "Партияның орталық аппараты".into(),
            en: "Central office of the party".into(),
        },
    });
    for (index, region) in regions.iter().enumerate() {
        let (members, ppo_count) = totals[index];
        units.push(UnitRow {
            code: region.code.clone(),
            parent: Some(CENTRAL.to_string()),
            kind: UnitKind::Region,
            names: region.names.clone(),
        });
        for branch in &region.branches {
            units.push(UnitRow {
                code: branch.code.clone(),
                parent: Some(region.code.clone()),
                kind: branch.kind,
                names: branch.names.clone(),
            });
        }
        // How many PPOs each branch has: a floor, the rest by damped weight with a little jitter.
        let mut jitter = Rng::new(seed, &format!("ppos:{}", region.code));
        let weights: Vec<u64> = region
            .branches
            .iter()
            .map(|b| damped(b.weight) * jitter.between(850, 1150) as u64 / 1000)
            .collect();
        let floor = MIN_PPOS_PER_BRANCH * region.branches.len() as u64;
        let per_branch: Vec<u64> = apportion(ppo_count.saturating_sub(floor), &weights)
            .into_iter()
            .map(|n| n + MIN_PPOS_PER_BRANCH)
            .collect();
        let first_ppo = ppos.len();
        let mut city_flags = Vec::new();
        for (branch, count) in region.branches.iter().zip(per_branch) {
            for n in 1..=count {
                let code = format!("{}-P{n:03}", branch.code);
                let names = UnitNames {
                    ru: format!("ППО №{n} {}", branch.ppo_ru),
                    kk: format!("{} №{n} БПҰ", branch.ppo_kk),
                    en: format!("PPO No. {n} of {}", branch.ppo_en),
                };
                let Ok(parsed) = Code::parse(&code) else {
                    continue;
                };
                units.push(UnitRow {
                    code,
                    parent: Some(branch.code.clone()),
                    kind: UnitKind::Primary,
                    names,
                });
                ppos.push(Ppo {
                    code: parsed,
                    region: index,
                    size: 0,
                });
                city_flags.push(branch.kind == UnitKind::City || region.city);
            }
        }
        let sizes = ppo_sizes(
            &mut Rng::new(seed, &format!("sizes:{}", region.code)),
            &city_flags,
            members,
        );
        for (ppo, size) in ppos[first_ppo..].iter_mut().zip(sizes) {
            ppo.size = size;
        }
    }
    Tree {
        regions,
        units,
        ppos,
    }
}

/// Uneven, right-skewed PPO sizes within [20, 600] that add up to `total` exactly.
fn ppo_sizes(rng: &mut Rng, city: &[bool], total: u64) -> Vec<u64> {
    let n = city.len() as u64;
    if n == 0 {
        return Vec::new();
    }
    let total = total.clamp(n * MIN_PPO_SIZE, n * MAX_PPO_SIZE);
    // The cube of a sum of three uniforms: most PPOs middling, a long tail of big ones.
    let raw: Vec<u64> = city
        .iter()
        .map(|is_city| {
            let s = 300 + rng.below(1000) + rng.below(1000) + rng.below(1000);
            let cube = s * s * s;
            if *is_city { cube / 10 * 13 } else { cube }
        })
        .collect();
    let mut sizes: Vec<u64> = apportion(total, &raw)
        .into_iter()
        .map(|s| s.clamp(MIN_PPO_SIZE, MAX_PPO_SIZE))
        .collect();
    // Clamping moved the sum: walk it back one member at a time.
    let mut sum: u64 = sizes.iter().sum();
    let mut attempts = 0u64;
    while sum != total && attempts < 100 * n + 100_000 {
        attempts += 1;
        let i = rng.index(sizes.len());
        if sum < total && sizes[i] < MAX_PPO_SIZE {
            sizes[i] += 1;
            sum += 1;
        } else if sum > total && sizes[i] > MIN_PPO_SIZE {
            sizes[i] -= 1;
            sum -= 1;
        }
    }
    sizes
}

/// Scales the PPO sizes of a tree so that they add up to `count` (largest remainder).
pub(crate) fn resize(ppos: &mut [Ppo], count: u64) {
    let weights: Vec<u64> = ppos.iter().map(|p| p.size).collect();
    for (ppo, size) in ppos.iter_mut().zip(apportion(count, &weights)) {
        ppo.size = size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportionment_adds_up_and_follows_the_weights() {
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(apportion(7, &[0, 5, 2]), vec![0, 5, 2]);
        assert_eq!(apportion(5, &[0, 0]), vec![0, 0]);
        assert_eq!(apportion(1_000, &[3, 7]).iter().sum::<u64>(), 1_000);
    }

    #[test]
    fn russian_adjectives_take_the_genitive() {
        assert_eq!(genitive("Аксуский"), "Аксуского");
        assert_eq!(genitive("Бухар-Жырауский"), "Бухар-Жырауского");
    }

    #[test]
    fn the_national_tree_has_202_branches_and_the_product_yardsticks() {
        let t = tree(Scale::National, 1);
        let branches: usize = t.regions.iter().map(|r| r.branches.len()).sum();
        assert_eq!(branches, 202);
        assert_eq!(t.ppos.len() as u64, NATIONAL_PPOS);
        assert_eq!(t.ppos.iter().map(|p| p.size).sum::<u64>(), NATIONAL_MEMBERS);
        assert!(
            t.ppos
                .iter()
                .all(|p| (MIN_PPO_SIZE..=MAX_PPO_SIZE).contains(&p.size))
        );
    }
}
