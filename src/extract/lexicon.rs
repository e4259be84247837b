//! The lexicon of the extraction rules: verbs and nouns of attribution, words that
//! may stand between a speaker and a verb, name particles, and the words that join,
//! follow or precede place names. Kept apart from the rules so that both read in
//! one sitting.
//!
//! The lists more than one rule module looks up are [`WordSet`](super::wordset::WordSet)s
//! here, so that those modules do not reach into each other for them.

crate::word_set!(pub(super) set_function_words, FUNCTION_WORDS);
crate::word_set!(pub(super) set_headline_verbs, HEADLINE_VERBS);
// Shared by place recognition, named features and person names.
crate::word_set!(pub(super) set_public_bodies, PUBLIC_BODY_HEADS);
crate::word_set!(pub(super) set_before_ok, BEFORE_OK);
crate::word_set!(pub(super) set_directions, DIRECTIONS);

/// Verbs of saying, in the forms news uses. Not "talks": after a name it is a noun
/// far more often ("Brexit talks", "Geneva talks", "Soviet-American talks").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "wrote", "writes", "tweeted",
    "tweets", "stated", "states", "argued", "argues", "noted", "notes", "explained", "explains",
    "warned", "warns", "claimed", "claims", "insisted", "insists", "announced", "announces",
    "replied", "replies", "responded", "responds", "acknowledged", "acknowledges", "admitted",
    "admits", "confirmed", "confirms", "denied", "denies", "suggested", "suggests", "recalled",
    "recalls", "urged", "urges", "predicted", "predicts", "declared", "declares", "continued",
    "emphasized", "emphasised", "emphasizes", "stressed", "stresses", "commented", "remarked",
    "posted", "testified", "countered", "conceded", "cautioned", "complained", "complains",
    "contended", "contends", "observed", "maintained", "maintains", "agreed", "agrees", "concluded",
    "promised", "promises", "vowed", "vows", "boasted", "bragged", "joked", "lamented", "quipped",
    "retorted", "shouted", "wondered", "mused", "reiterated", "charged", "alleged", "accused",
    "accuses", "blasted", "slammed", "praised", "praises", "criticized", "criticised", "criticizes",
    "thundered", "fumed", "answered", "believes", "believed", "thinks", "thought", "wants",
    "wanted", "hopes", "hoped", "fears", "feared", "expects", "expected", "knows", "called",
    "calls", "blamed", "blames", "described", "describes", "dismissed", "dismisses", "echoed",
    "estimated", "expressed", "indicated", "indicates", "mentioned", "proposed", "proposes",
    "questioned", "revealed", "signaled", "signalled", "touted", "touts", "pledged", "pledges",
    "attacked", "attacks", "defended", "defends", "demanded", "demands", "disputed", "doubted",
    "worried", "welcomed", "condemned", "condemns", "rejected", "rejects", "refused", "reminded",
    "repeated", "threatened", "threatens", "recounted", "objected", "opposed", "opposes",
    "supports", "endorsed", "endorses", "acknowledges", "explain", "contrasted", "compared",
    "labeled", "labelled", "framed", "sees", "saw", "felt", "feels", "considers", "considered",
    "argue", "announce", "insist", "suggest", "warn", "vowing", "saying", "telling", "arguing",
    "claiming", "insisting", "calling", "writing", "noting", "adding", "warning", "explaining",
    "urging", "accusing", "comparing", "describing", "promising", "predicting", "stressing",
    "suggesting", "asserting", "asserted", "asserts", "revealing", "tweeting", "declaring",
    "questioning", "criticizing", "blaming", "defending", "plans", "planned", "intends", "pushed",
    "pressed", "cast", "painted", "characterized", "pointed", "bemoaned", "rebutted", "hailed",
    "exclaimed", "beamed", "lashed", "weighed", "denounced", "denounces", "backed", "backs",
    "ruled", "talked", "speculated", "speculates", "supported", "pointing", "cited",
    "cites", "decried", "mocked", "mocks", "ripped", "rips", "recommended", "advised",
    "advocated", "championed", "lambasted", "downplayed", "clarified", "hinted", "assured",
    "dubbed", "branded", "opined", "disclosed", "outlined", "unveiled", "released", "issued",
    "spoke", "speaks", "addressed", "emailed", "texted", "informed", "asked", "asks",
];

/// Verbs after which the speaker may follow (`," said Rutte`). Not "told": the name
/// after it is the one told ("analysts told Al Jazeera").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const INVERTIBLE: &[&str] = &[
    "said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "tweeted", "continued",
    "explained", "noted", "replied", "recalled", "warned", "insisted", "declared", "stated",
    "argued", "countered", "quipped", "concluded", "posted", "according", "beamed", "exclaimed",
    "cautioned", "suggested", "admitted", "acknowledged", "observed", "remarked", "responded",
    "laughed", "joked", "recalled", "conceded", "predicted", "agreed", "complained", "wondered",
    "mused", "boasted", "emphasized", "stressed", "claimed",
];

/// Capitalised verbs of headlines ("Clinton Urges Britain to Remain"); "States",
/// "Notes" or "Plans" are left out as they are mostly nouns.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const HEADLINE_VERBS: &[&str] = &[
    "says", "said", "tells", "told", "urges", "warns", "claims", "slams", "blasts", "vows",
    "insists", "denies", "admits", "calls", "praises", "attacks", "accuses", "defends", "rips",
    "mocks", "tweets", "responds", "explains", "argues", "suggests", "promises", "pledges",
    "predicts", "tweeted", "wrote", "writes",
];

/// Words that may stand between a subject and its verb ("Rutte also said").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const BETWEEN: &[&str] = &[
    "also", "later", "has", "had", "have", "then", "once", "would", "will", "never", "further",
    "again", "earlier", "often", "told", "did", "does", "just", "even", "still", "first", "not",
    "may", "might", "could", "should", "can", "must", "is", "was", "has", "long", "previously",
    "soon", "too", "herself", "himself", "last", "yet", "all", "both", "now",
];

/// Nouns that make "X's statement" an attribution to X.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const SAYING_NOUNS: &[&str] = &[
    "statement", "statements", "remarks", "comments", "comment", "tweets", "speech", "testimony",
    "announcement", "claim", "claims", "letter", "message", "words", "memo", "post", "answer",
    "rhetoric", "argument", "promise", "pledge", "vow", "warning", "criticism", "op", "essay",
    "spokesman", "spokeswoman", "spokesperson",
];

/// Lowercase words that never stand between "said" and the speaker's name.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "of", "to", "that", "it", "he", "she", "they", "we", "i",
    "and", "or", "but", "this", "these", "those", "its", "his", "her", "their", "our", "for",
    "with", "by", "from", "as", "about", "after", "before", "when", "while", "during", "last",
    "this", "yesterday", "today", "tonight", "earlier", "later", "then", "also", "there",
];

#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
/// Lowercase nouns that describe a company, an agency or a body right before its name:
/// "handset maker Ericsson", "film giant Disney", "polling agency Gallup", "telecom
/// regulator Ofcom", "the EC statistics office Eurostat", "the engineers union IG
/// Metall".
pub const COMPANY_NOUNS: &[&str] = &[
    "company", "firm", "maker", "giant", "agency", "carrier", "retailer", "lender",
    "insurer", "broker", "brokers", "conglomerate", "manufacturer", "airline", "chain",
    "operator", "supplier", "distributor", "publisher", "broadcaster", "brewer", "miner",
    "automaker", "carmaker", "chipmaker", "drugmaker", "studio", "bank", "group", "pollster",
    "subsidiary", "unit", "rival", "newspaper", "daily", "weekly", "tabloid", "magazine",
    "network", "channel", "consortium", "office", "regulator", "watchdog", "union",
    "institute", "ministry", "authority", "commission", "association", "federation",
    "charity", "organisation", "organization", "body", "council", "committee",
];

/// Lowercase nouns after a name that make it a paper, an agency or a broadcaster: "the
/// official Tanjug news agency said", "the Al Jazeera television network".
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const MEDIA_NOUNS_AFTER: &[&str] = &[
    "news agency", "agency", "newspaper", "daily", "weekly", "tabloid", "magazine",
    "broadcaster", "television", "network", "channel",
];

/// Posts at a firm or a body, after its name: "Gartner analyst Carolina Milanesi",
/// "Citibank executive William Rhodes", "a Sony representative", "Fiat chief
/// executive", "Yahoo board"; and before it with "at", "of" or "with": "analysts at
/// Citibank", "chief operating officer of Sony". (Not the posts a politician has too:
/// aide, adviser, spokesman, official, staff; see [`POSTS_OF_A_NAME`].)
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const POSTS: &[&str] = &[
    "analyst", "analysts", "economist", "economists", "strategist", "strategists",
    "executive", "executives", "officer", "officers", "representative", "representatives",
    "engineer", "engineers", "researcher", "researchers", "employee", "employees", "trader",
    "traders", "dealer", "dealers", "chairman", "chairwoman", "president", "vice president",
    "director", "managing director", "shareholders", "customers", "board", "CEO", "headquarters",
];

/// [`POSTS`] that follow a name's possessive ("Goodyear's chairman", "Yahoo's board"):
/// not those a politician has too ("Clinton's chief economist", "Obama's vice
/// president").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const POSTS_OF_A_NAME: &[&str] = &[
    "analyst", "analysts", "executive", "executives", "officer", "officers", "engineers",
    "researchers", "employees", "chairman", "chairwoman", "president", "director",
    "managing director", "shareholders", "customers", "board", "CEO", "headquarters",
];

pub const PRONOUNS: &[&str] = &["he", "she"];

/// Lowercase particles inside names ("Ludwig van Beethoven", "Osama bin Laden").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "del", "della", "di", "bin", "al", "la", "le", "ibn",
    "dos", "du",
];

/// Lowercase words allowed inside a multi-word place name.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const CONNECTORS: &[&str] = &[
    "of", "and", "de", "del", "la", "le", "el", "al", "es", "du", "do", "da", "dos", "das", "upon",
    "on", "the", "sur", "am", "an", "der", "di", "y", "en", "d", "l", "s", "au", "aux",
];

/// Capitalised words that may follow a place without making it part of a longer name.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const AFTER_OK: &[&str] = &[
    "mayor", "governor", "president", "prime", "minister", "police", "officials", "official",
    "authorities", "residents", "city", "province", "state", "region", "county", "capital",
    "airport", "time", "on", "in", "and", "or", "but", "for", "to", "at", "with", "as", "by",
    "said", "says", "the", "a", "an", "is", "was", "has", "had", "will", "would", "could",
    "gov", "sen", "rep", "lt",
];

/// Capitalised words that may precede a place.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const BEFORE_OK: &[&str] = &[
    "in", "from", "to", "at", "of", "near", "across", "into", "outside", "inside", "around",
    "through", "toward", "towards", "between", "and", "or", "the", "a", "an", "on", "for", "by",
    "with", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "downtown", "greater", "visit", "while", "when", "after", "before", "since", "both", "but",
    "yet", "so", "meanwhile", "still", "now", "today", "yesterday", "also", "even", "only", "then",
    "later", "however", "thus", "until", "as", "if", "unlike", "like", "despite", "within",
    "beyond", "over", "under", "against", "via", "without", "where", "in", "all", "elsewhere",
    "here", "there", "once", "every", "each", "many", "some", "most", "this", "that",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "upstate", "downstate", "rural", "metro", "suburban",
];

/// Direction words that modify places but are not places on their own.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater", "inner", "outer", "northeast", "northwest", "southeast",
    "southwest", "mid", "middle", "new", "old",
];

/// Generic words of geographic and built features: as a capitalised word next to
/// another name they are part of that name ("Lake Erie", "Eastern Creek", "White
/// House"), not the town so called.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const FEATURE_WORDS: &[&str] = &[
    "lake", "creek", "river", "mount", "mountain", "bay", "island", "islands", "park", "valley",
    "beach", "falls", "springs", "house", "hall", "square", "street", "road", "bridge", "harbor",
    "harbour", "point", "hill", "hills", "canyon", "forest", "marine", "green", "garden",
    "gardens", "tower", "castle", "station", "airport", "field",
];

/// Words after a place name that make it a disease's name ("Marburg virus").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const DISEASE_WORDS: &[&str] = &[
    "virus", "viruses", "fever", "flu", "disease", "strain", "ebolavirus", "hemorrhagic",
    "haemorrhagic", "immunodeficiency",
];

/// Buildings and institutions after a possessive place name make a landmark ("St.
/// Peter's Basilica", "St. Mary's Hospital"), with the feature words.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const LANDMARK_WORDS: &[&str] = &[
    "basilica", "cathedral", "church", "abbey", "palace", "hospital", "school", "college",
    "university", "academy",
];

/// Last words of buildings named like towns ("White House", "Town Hall").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const BUILDING_WORDS: &[&str] = &[
    "house", "hall", "tower", "castle", "station",
];

/// Institutions whose subject follows "of" ("Ministry of Commerce").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const INSTITUTION_HEADS: &[&str] = &[
    "ministry", "department", "chamber", "chambers", "secretary", "minister", "board", "bureau",
    "council", "commission", "committee", "office", "institute", "society", "association",
    "federation", "foundation",
];

/// Heads of the public bodies of states, counties and towns: the place in "Ohio
/// Senate", "Kansas Department of Transportation", "Douglas County Sheriff's Office",
/// "Hartford Hospital" is the body's jurisdiction, a mention of it (see
/// `names_a_public_body`). Not newspapers, teams, companies, universities or news
/// agencies ("Washington Post", "Dallas Cowboys", "Aberdeen University").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const PUBLIC_BODY_HEADS: &[&str] = &[
    "department", "dept", "senate", "house", "assembly", "legislature", "council", "commission",
    "commissioners", "board", "bureau", "office", "court", "courts", "police", "sheriff", "coroner",
    "jail", "prison", "hospital", "airport", "library", "museum", "zoo", "fire", "rescue",
    "service", "authority", "attorney", "prosecutor", "auditor", "treasurer", "clerk", "assessor",
    "highway", "patrol", "guard", "transit", "health", "government", "circuit", "elections",
    "parks", "utilities", "administration", "division", "detention", "corrections", "emergency",
    "act", "delegation", "legislative", "selectmen", "township", "municipal",
];

/// Words of a body's own name, never the place it serves: "Supreme Court",
/// "Superior Court", "City Council", "The City", "General Hospital", "State
/// Department".
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const BODY_NAME_WORDS: &[&str] = &[
    "the", "supreme", "superior", "city", "spring", "general", "regional", "high", "district",
    "municipal", "state", "national", "federal", "central",
];

/// AP-style abbreviations of US states and Canadian provinces, and the admin1 codes
/// they stand for. After a town and a comma ("Lexington, Ky.", "Vancouver, B.C.")
/// each names its state; alone, many are words or names ("Ind.", "Mo.", "La."). Not
/// "D.C.": the gazetteer's name of Washington itself.
#[rustfmt::skip] // a table reads best in rows
pub const STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala.", "US.AL"), ("Ariz.", "US.AZ"), ("Ark.", "US.AR"), ("Calif.", "US.CA"),
    ("Cal.", "US.CA"), ("Colo.", "US.CO"), ("Conn.", "US.CT"), ("Del.", "US.DE"),
    ("Fla.", "US.FL"), ("Ga.", "US.GA"), ("Ill.", "US.IL"), ("Ind.", "US.IN"),
    ("Kan.", "US.KS"), ("Kans.", "US.KS"), ("Ky.", "US.KY"), ("La.", "US.LA"), ("Md.", "US.MD"),
    ("Mass.", "US.MA"), ("Mich.", "US.MI"), ("Minn.", "US.MN"), ("Miss.", "US.MS"),
    ("Mo.", "US.MO"), ("Mont.", "US.MT"), ("Neb.", "US.NE"), ("Nebr.", "US.NE"), ("Nev.", "US.NV"),
    ("N.H.", "US.NH"), ("N.J.", "US.NJ"), ("N.M.", "US.NM"), ("N.Y.", "US.NY"), ("N.C.", "US.NC"),
    ("N.D.", "US.ND"), ("Okla.", "US.OK"), ("Ore.", "US.OR"), ("Pa.", "US.PA"), ("R.I.", "US.RI"),
    ("S.C.", "US.SC"), ("S.D.", "US.SD"), ("Tenn.", "US.TN"), ("Tex.", "US.TX"), ("Vt.", "US.VT"),
    ("Va.", "US.VA"), ("Wash.", "US.WA"), ("W.Va.", "US.WV"), ("W. Va.", "US.WV"),
    ("Wis.", "US.WI"), ("Wisc.", "US.WI"), ("Wyo.", "US.WY"),
    ("Alta.", "CA.01"), ("B.C.", "CA.02"), ("Man.", "CA.03"), ("N.B.", "CA.04"),
    ("Nfld.", "CA.05"), ("N.S.", "CA.07"), ("Ont.", "CA.08"), ("P.E.I.", "CA.09"),
    ("Que.", "CA.10"), ("Sask.", "CA.11"),
];

/// Type words after a street's or road's name ("Main Street", "E. Broad St.").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const STREET_SUFFIXES: &[&str] = &[
    "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane", "ln", "boulevard",
    "blvd", "circle", "parkway", "pkwy", "terrace", "trail", "turnpike", "pike", "expressway",
    "freeway", "highway", "alley", "crescent",
];

/// Type words after the name of a water or landform ("Naugatuck River", "Atlas
/// Mountains").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const FEATURE_SUFFIXES: &[&str] = &[
    "lake", "river", "creek", "bay", "harbor", "harbour", "canal", "reservoir", "pond", "island",
    "islands", "mountains", "mountain", "valley", "canyon", "sea", "ocean", "peninsula",
    "heights", "park", "falls", "forest", "glacier", "desert", "strait", "dam",
];

/// Type words before the name of a water or landform ("Lake Lanier", "Gulf of Maine").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const FEATURE_PREFIXES: &[&str] = &[
    "lake", "river", "mount", "gulf", "bay", "isle", "sea", "loch", "cape",
];

/// Type words before a road's number ("Highway 10", "County Road 43").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const NUMBERED_ROADS: &[&str] = &[
    "highway", "hwy", "route", "interstate", "road", "freeway", "motorway",
];

/// Streets that stand for an institution or a trade: not a place where a story is.
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const METONYM_STREETS: &[&str] = &[
    "wall street", "downing street", "fleet street", "madison avenue", "pennsylvania avenue",
    "bay street", "dalal street", "harley street",
];

/// Words that make a name with a feature's type word something else: a building, a
/// business, an event ("Mount Washington Hotel", "Gulf War", "Civic Center").
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const NOT_FEATURE_WORDS: &[&str] = &[
    "hotel", "inn", "resort", "motel", "center", "centre", "civic", "mall", "plaza", "stadium",
    "arena", "theater", "theatre", "war", "wars", "battle", "festival", "fair", "games",
    "championship", "tournament", "restaurant", "cafe", "bar", "grill", "apartments", "estates",
    "villa", "lodge", "casino", "studios", "records", "entertainment", "capital", "partners",
];

/// Religious and holiday figures, whatever town shares their name ("God" is also
/// Göd's, "Santa Claus" a town in Indiana).
#[rustfmt::skip] // word lists read best as paragraphs, not one word a line
pub const FIGURES: &[&str] = &[
    "god", "jesus", "christ", "allah", "buddha", "santa claus", "santa", "valentine",
    "saint nicholas", "easter bunny",
];
