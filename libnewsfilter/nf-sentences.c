/* nf-sentences.c: splitting a text into sentences, the way news is written
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"

/* One pass over the text, no regular expressions, no recursion, no state
 * outside the call: every table here is constant.
 *
 * A sentence ends at a line break (paragraphs, headlines, datelines and
 * list items end without a full stop), or at a cluster of terminators
 * ("." "?" "!" "…" "。" …) with the closing quotes and brackets that follow
 * it, when what comes next looks like the start of a sentence.  Most of
 * the work is deciding whether a full stop ends a sentence: it does not
 * after a title ("Dr."), an initial ("J."), a German ordinal ("am 3.
 * Oktober"), or before a lower-case word; after an abbreviation that can
 * also end a sentence ("U.S.", "etc.", "Inc.") it does only when the next
 * word is one that typically starts sentences ("The", "Der", "Он"…). */

#define NO_SENTENCE G_MAXSIZE

/* How long a word before a full stop can be and still be looked up */
#define MAX_TOKEN_BYTES 24
/* How long a word after a full stop can be and still be a sentence starter */
#define MAX_STARTER_BYTES 32

/* What a word before a full stop says about the full stop */
typedef enum {
  TOKEN_WORD,          /* an ordinal word: the full stop ends a sentence */
  TOKEN_NUMBER,        /* "2019.", "3.5.": ends one too */
  TOKEN_ORDINAL,       /* "3." where numbers take a dot as ordinals (de, pl, tr) */
  TOKEN_INITIAL,       /* "J.", "В.": a name goes on */
  TOKEN_LIST_MARKER,   /* "1." or "a." opening a sentence */
  TOKEN_NEVER_END,     /* "Dr.", "z.B.", "e.g.": the sentence goes on */
  TOKEN_FINAL,         /* "U.S.", "etc.", "Inc.": may end a sentence */
  TOKEN_BEFORE_NUMBER, /* "No.", "Nr.", "p.": holds on to a number only */
} TokenKind;

/* An abbreviation, in lower case and without its last dot, unless marked
 * EXACT: then it must match with its case ("M." is "Monsieur" in French,
 * "m." is not) */
#define EXACT 0x100

typedef struct
{
  const char *word;
  guint       kind;   /* a TokenKind, maybe | EXACT */
} Abbreviation;

typedef struct
{
  const char                 *code;
  const Abbreviation         *abbreviations;
  const char * const         *starters;   /* words that often open a sentence */
  gboolean                    dot_ordinals;
} LanguageRules;

#define NEVER TOKEN_NEVER_END
#define FINAL TOKEN_FINAL
#define NUMBER TOKEN_BEFORE_NUMBER

/* Abbreviations known everywhere: news in any language quotes them */
static const Abbreviation universal_abbreviations[] = {
  { "dr", NEVER }, { "prof", NEVER }, { "mr", NEVER }, { "mrs", NEVER },
  { "e.g", NEVER }, { "i.e", NEVER }, { "vs", NEVER }, { "etc", FINAL },
  { "u.s", FINAL }, { "u.k", FINAL }, { "u.n", FINAL }, { "u.s.a", FINAL },
  { "inc", FINAL }, { "ltd", FINAL }, { "corp", FINAL }, { "co", FINAL },
  { "jr", FINAL },
  { "ph.d", FINAL }, { "no", NUMBER }, { "nr", NUMBER }, { "tel", NUMBER },
  { NULL, 0 }
};

static const Abbreviation en_abbreviations[] = {
  /* titles and ranks, always followed by a name */
  { "ms", NEVER }, { "messrs", NEVER }, { "gen", NEVER }, { "gens", NEVER },
  { "col", NEVER }, { "lt", NEVER }, { "sgt", NEVER }, { "maj", NEVER },
  { "capt", NEVER }, { "cmdr", NEVER }, { "adm", NEVER }, { "brig", NEVER },
  { "cpl", NEVER }, { "pte", NEVER }, { "gov", NEVER }, { "sen", NEVER },
  { "rep", NEVER }, { "reps", NEVER }, { "rev", NEVER }, { "hon", NEVER },
  { "pres", NEVER }, { "supt", NEVER }, { "det", NEVER }, { "insp", NEVER },
  { "st", NEVER }, { "mt", NEVER }, { "ft", NEVER }, { "rt", NEVER },
  { "fr", NEVER }, { "sr", FINAL }, { "cf", NEVER }, { "approx", NEVER },
  { "viz", NEVER }, { "ca", NEVER }, { "univ", NEVER },
  /* can close a sentence too */
  { "co", FINAL }, { "bros", FINAL }, { "plc", FINAL }, { "dept", FINAL },
  { "assn", FINAL }, { "govt", FINAL }, { "intl", FINAL }, { "al", FINAL },
  { "a.m", FINAL }, { "p.m", FINAL }, { "d.c", FINAL }, { "e.u", FINAL },
  { "ave", FINAL }, { "blvd", FINAL }, { "rd", FINAL },
  { "jan", FINAL }, { "feb", FINAL }, { "mar", FINAL }, { "apr", FINAL },
  { "jun", FINAL }, { "jul", FINAL }, { "aug", FINAL }, { "sep", FINAL },
  { "sept", FINAL }, { "oct", FINAL }, { "nov", FINAL }, { "dec", FINAL },
  { "calif", FINAL }, { "fla", FINAL }, { "ariz", FINAL }, { "conn", FINAL },
  { "colo", FINAL }, { "mich", FINAL }, { "minn", FINAL }, { "tenn", FINAL },
  { "okla", FINAL }, { "tex", FINAL }, { "ky", FINAL },
  /* before a number */
  { "nos", NUMBER }, { "vol", NUMBER }, { "pp", NUMBER }, { "p", NUMBER },
  { "fig", NUMBER }, { "ch", NUMBER }, { "art", NUMBER }, { "rs", NUMBER },
  { NULL, 0 }
};

static const Abbreviation de_abbreviations[] = {
  { "z.b", NEVER }, { "bzw", NEVER }, { "ca", NEVER }, { "vgl", NEVER },
  { "d.h", NEVER }, { "hr", NEVER }, { "fr", NEVER }, { "st", NEVER },
  { "evtl", NEVER }, { "ggf", NEVER }, { "inkl", NEVER }, { "zzgl", NEVER },
  { "sog", NEVER }, { "z.t", NEVER }, { "u.u", NEVER }, { "dipl", NEVER },
  { "ing", NEVER }, { "i.d.r", NEVER }, { "v.a", NEVER }, { "geb", NEVER },
  { "gest", NEVER }, { "bspw", NEVER }, { "ehem", NEVER }, { "zit", NEVER },
  { "u.ä", NEVER }, { "insb", NEVER }, { "dt", NEVER }, { "gem", NEVER },
  { "usw", FINAL }, { "u.a", FINAL }, { "o.ä", FINAL }, { "str", FINAL },
  { "jh", FINAL }, { "jhd", FINAL }, { "mio", FINAL }, { "mrd", FINAL },
  { "tsd", FINAL }, { "hrsg", FINAL }, { "v.chr", FINAL }, { "n.chr", FINAL },
  { "u.v.m", FINAL }, { "s.o", FINAL }, { "s.u", FINAL }, { "e.v", FINAL },
  { "gmbh", FINAL }, { "jan", FINAL }, { "feb", FINAL }, { "apr", FINAL },
  { "aug", FINAL }, { "sept", FINAL }, { "okt", FINAL }, { "nov", FINAL },
  { "dez", FINAL },
  { "abs", NUMBER }, { "art", NUMBER }, { "bd", NUMBER }, { "s", NUMBER },
  { "kap", NUMBER }, { "ziff", NUMBER },
  { NULL, 0 }
};

static const Abbreviation fr_abbreviations[] = {
  { "M", NEVER | EXACT }, { "mm", NEVER }, { "mme", NEVER }, { "mmes", NEVER },
  { "mlle", NEVER }, { "mlles", NEVER }, { "pr", NEVER }, { "me", NEVER },
  { "p.ex", NEVER }, { "ex", NEVER }, { "av", NEVER }, { "apr", NEVER },
  { "env", NEVER }, { "cf", NEVER }, { "st", NEVER }, { "ste", NEVER },
  { "bd", NEVER }, { "gal", NEVER }, { "mgr", NEVER }, { "c.-à-d", NEVER },
  { "cie", FINAL }, { "s.a", FINAL }, { "j.-c", FINAL }, { "janv", FINAL },
  { "févr", FINAL }, { "avr", FINAL }, { "juil", FINAL }, { "sept", FINAL },
  { "oct", FINAL }, { "nov", FINAL }, { "déc", FINAL },
  { "vol", NUMBER }, { "chap", NUMBER }, { "art", NUMBER }, { "p", NUMBER },
  { NULL, 0 }
};

static const Abbreviation es_abbreviations[] = {
  { "sr", NEVER }, { "sra", NEVER }, { "srta", NEVER }, { "sres", NEVER },
  { "dña", NEVER }, { "dra", NEVER }, { "lic", NEVER }, { "ing", NEVER },
  { "excmo", NEVER }, { "excma", NEVER }, { "ilmo", NEVER }, { "sto", NEVER },
  { "sta", NEVER }, { "p.ej", NEVER }, { "aprox", NEVER }, { "av", NEVER },
  { "avda", NEVER }, { "gral", NEVER }, { "d", NEVER },
  { "ee.uu", FINAL }, { "ud", FINAL }, { "uds", FINAL }, { "vd", FINAL },
  { "s.a", FINAL }, { "a.c", FINAL }, { "d.c", FINAL }, { "sept", FINAL },
  { "oct", FINAL }, { "nov", FINAL }, { "dic", FINAL }, { "cía", FINAL },
  { "núm", NUMBER }, { "pág", NUMBER }, { "art", NUMBER }, { "n", NUMBER },
  { NULL, 0 }
};

static const Abbreviation it_abbreviations[] = {
  { "sig", NEVER }, { "sigg", NEVER }, { "sig.ra", NEVER }, { "sig.na", NEVER },
  { "dott", NEVER }, { "dott.ssa", NEVER }, { "prof.ssa", NEVER },
  { "ing", NEVER }, { "avv", NEVER }, { "arch", NEVER }, { "on", NEVER },
  { "geom", NEVER }, { "rag", NEVER }, { "mons", NEVER }, { "gen", NEVER },
  { "col", NEVER }, { "cap", NEVER }, { "es", NEVER }, { "p.es", NEVER },
  { "ca", NEVER },
  { "ecc", FINAL }, { "s.p.a", FINAL }, { "spa", FINAL }, { "sec", FINAL },
  { "a.c", FINAL }, { "d.c", FINAL },
  { "pag", NUMBER }, { "art", NUMBER }, { "n", NUMBER },
  { NULL, 0 }
};

static const Abbreviation pt_abbreviations[] = {
  { "sr", NEVER }, { "sra", NEVER }, { "srta", NEVER }, { "dra", NEVER },
  { "profa", NEVER }, { "exmo", NEVER }, { "exma", NEVER }, { "eng", NEVER },
  { "sto", NEVER }, { "sta", NEVER }, { "av", NEVER }, { "p.ex", NEVER },
  { "ex", NEVER }, { "v.exa", NEVER }, { "gen", NEVER },
  { "ltda", FINAL }, { "cia", FINAL }, { "s.a", FINAL }, { "a.c", FINAL }, { "d.c", FINAL },
  { "nº", NUMBER }, { "n.º", NUMBER }, { "pág", NUMBER }, { "art", NUMBER },
  { NULL, 0 }
};

static const Abbreviation nl_abbreviations[] = {
  { "dhr", NEVER }, { "mevr", NEVER }, { "mw", NEVER }, { "drs", NEVER },
  { "ir", NEVER }, { "ing", NEVER }, { "bijv", NEVER }, { "o.a", NEVER },
  { "m.b.t", NEVER }, { "d.w.z", NEVER }, { "i.p.v", NEVER }, { "ca", NEVER },
  { "a.s", NEVER }, { "m.a.w", NEVER }, { "z.g", NEVER }, { "mr", NEVER },
  { "enz", FINAL }, { "e.d", FINAL }, { "n.v", FINAL }, { "b.v", FINAL },
  { "jl", FINAL },
  { "blz", NUMBER }, { "art", NUMBER },
  { NULL, 0 }
};

static const Abbreviation ru_abbreviations[] = {
  { "т.е", NEVER }, { "т.к", NEVER }, { "т.н", NEVER }, { "т.о", NEVER },
  { "им", NEVER }, { "ул", NEVER }, { "пр", NEVER }, { "пл", NEVER },
  { "просп", NEVER }, { "пер", NEVER }, { "кв", NEVER }, { "обл", NEVER },
  { "см", NEVER }, { "проф", NEVER }, { "акад", NEVER }, { "ген", NEVER },
  { "св", NEVER }, { "напр", NEVER }, { "ок", NEVER }, { "г-н", NEVER },
  { "г-жа", NEVER }, { "тов", NEVER },
  { "т.д", FINAL }, { "т.п", FINAL }, { "г", FINAL }, { "гг", FINAL },
  { "в", FINAL }, { "вв", FINAL }, { "д", FINAL }, { "н.э", FINAL },
  { "др", FINAL },
  { "с", NUMBER }, { "стр", NUMBER }, { "ст", NUMBER }, { "рис", NUMBER },
  { "табл", NUMBER }, { "№", NUMBER },
  { NULL, 0 }
};

static const Abbreviation uk_abbreviations[] = {
  { "т.ч", NEVER }, { "ім", NEVER }, { "вул", NEVER }, { "просп", NEVER },
  { "пров", NEVER }, { "пл", NEVER }, { "обл", NEVER }, { "проф", NEVER },
  { "акад", NEVER }, { "д-р", NEVER }, { "див", NEVER }, { "напр", NEVER },
  { "ген", NEVER }, { "св", NEVER }, { "пан", NEVER }, { "т.зв", NEVER },
  { "т.д", FINAL }, { "т.п", FINAL }, { "т.б", FINAL }, { "р", FINAL },
  { "рр", FINAL }, { "м", FINAL }, { "ст", FINAL }, { "н.е", FINAL },
  { "с", NUMBER }, { "№", NUMBER },
  { NULL, 0 }
};

static const Abbreviation pl_abbreviations[] = {
  { "np", NEVER }, { "tzw", NEVER }, { "m.in", NEVER }, { "ok", NEVER },
  { "ul", NEVER }, { "al", NEVER }, { "pl", NEVER }, { "os", NEVER },
  { "mgr", NEVER }, { "inż", NEVER }, { "im", NEVER }, { "tj", NEVER },
  { "gen", NEVER }, { "płk", NEVER }, { "ks", NEVER }, { "św", NEVER },
  { "pt", NEVER }, { "ds", NEVER }, { "prez", NEVER }, { "red", NEVER },
  { "woj", NEVER }, { "pow", NEVER }, { "min", NEVER }, { "wg", NEVER },
  { "r", FINAL }, { "w", FINAL }, { "itd", FINAL }, { "itp", FINAL },
  { "godz", NUMBER }, { "s", NUMBER }, { "poz", NUMBER }, { "str", NUMBER },
  { NULL, 0 }
};

static const Abbreviation tr_abbreviations[] = {
  { "doç", NEVER }, { "av", NEVER }, { "yrd", NEVER }, { "sn", NEVER },
  { "op", NEVER }, { "bkz", NEVER }, { "örn", NEVER }, { "alb", NEVER },
  { "gen", NEVER }, { "org", NEVER }, { "t.c", NEVER }, { "hz", NEVER },
  { "vb", FINAL }, { "vs", FINAL }, { "yy", FINAL }, { "ltd", FINAL },
  { "şti", FINAL }, { "a.ş", FINAL }, { "cad", FINAL }, { "sok", FINAL },
  { "mah", FINAL }, { "mö", FINAL }, { "ms", FINAL },
  { "sf", NUMBER }, { "s", NUMBER },
  { NULL, 0 }
};

static const Abbreviation sv_abbreviations[] = {
  { "t.ex", NEVER }, { "bl.a", NEVER }, { "ca", NEVER }, { "s.k", NEVER },
  { "dvs", NEVER }, { "f.d", NEVER }, { "jfr", NEVER }, { "resp", NEVER },
  { "fr.o.m", NEVER }, { "t.o.m", NEVER }, { "p.g.a", NEVER }, { "dir", NEVER },
  { "m.m", FINAL }, { "osv", FINAL }, { "m.fl", FINAL }, { "st", FINAL },
  { "e.kr", FINAL },
  { "f.kr", FINAL }, { "ab", FINAL },
  { "kl", NUMBER }, { "s", NUMBER },
  { NULL, 0 }
};

#undef NEVER
#undef FINAL
#undef NUMBER

/* Words that often open a sentence: after "U.S." or "etc.", one of these
 * says the abbreviation closed the sentence; a name or a noun says it did
 * not ("U.S. officials", "U.S. President"). */
static const char * const en_starters[] = {
  "The", "A", "An", "It", "He", "She", "They", "We", "I", "You", "This",
  "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet",
  "However", "In", "On", "At", "As", "After", "Before", "When", "While",
  "If", "His", "Her", "Its", "Their", "Our", "My", "Your", "Some", "Many",
  "Most", "Both", "All", "Meanwhile", "Still", "Also", "Then", "Now",
  "Last", "Earlier", "Later", "Since", "Although", "Though", "Despite",
  "During", "According", "For", "What", "Why", "How", "Who", "Where",
  "Which", "Such", "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Can",
  "Could", "Will", "Would", "Should", "Has", "Have", "Had", "Not", "No",
  "Yes", NULL
};

static const char * const de_starters[] = {
  "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen", "Er",
  "Sie", "Es", "Wir", "Ich", "Ihr", "Man", "Aber", "Und", "Doch", "Denn",
  "Dann", "Danach", "Auch", "Im", "In", "Am", "An", "Auf", "Aus", "Mit",
  "Nach", "Bei", "Für", "Vor", "Seit", "Zudem", "Dies", "Diese", "Dieser",
  "Dieses", "Damit", "Dabei", "Daher", "Deshalb", "So", "Wie", "Was", "Wer",
  "Wo", "Als", "Wenn", "Noch", "Nun", "Nur", "Sein", "Seine", "Ihre",
  "Laut", "Bereits", "Zuvor", "Trotz", "Während", "Dort", "Hier", "Heute",
  "Gestern", "Morgen", "Jetzt", "Damals", "Später", "Zuletzt", "Allerdings",
  "Außerdem", "Trotzdem", "Jedoch", "Dennoch", "Bisher", "Insgesamt", NULL
};

static const char * const fr_starters[] = {
  "Le", "La", "Les", "L", "Un", "Une", "Des", "Du", "Il", "Elle", "Ils",
  "Elles", "On", "Nous", "Vous", "Je", "Mais", "Et", "Ou", "Donc", "Car",
  "Ce", "Cet", "Cette", "Ces", "Cela", "Ceci", "C", "En", "Dans", "Au",
  "Aux", "Pour", "Par", "Sur", "Selon", "Puis", "Depuis", "Après", "Avant",
  "Lors", "Alors", "Ainsi", "Son", "Sa", "Ses", "Leur", "Leurs", "Si",
  "Quand", "Pourtant", "Cependant", "Toutefois", "Enfin", NULL
};

static const char * const es_starters[] = {
  "El", "La", "Los", "Las", "Lo", "Un", "Una", "Unos", "Unas", "Él",
  "Ella", "Ellos", "Ellas", "Nosotros", "Yo", "Pero", "Y", "O", "En",
  "Este", "Esta", "Estos", "Estas", "Ese", "Esa", "Eso", "Esto", "Se",
  "Según", "Por", "Para", "Con", "Sin", "Al", "Su", "Sus", "Tras",
  "Además", "Luego", "Cuando", "Si", "No", "Ya", "También", "Mientras",
  "Desde", "Hoy", "Ayer", NULL
};

static const char * const it_starters[] = {
  "Il", "Lo", "La", "I", "Gli", "Le", "L", "Un", "Uno", "Una", "Egli",
  "Lui", "Lei", "Loro", "Noi", "Io", "Ma", "E", "In", "Questo", "Questa",
  "Questi", "Queste", "Per", "Con", "Secondo", "Non", "Si", "Nel", "Nella",
  "Nei", "Negli", "Al", "Alla", "Dal", "Dalla", "Da", "Anche", "Poi",
  "Dopo", "Inoltre", "Quando", "Se", "Già", "Oggi", "Ieri", "Suo", "Sua",
  NULL
};

static const char * const pt_starters[] = {
  "O", "A", "Os", "As", "Um", "Uma", "Uns", "Umas", "Ele", "Ela", "Eles",
  "Elas", "Nós", "Eu", "Mas", "E", "Em", "No", "Na", "Nos", "Nas", "Este",
  "Esta", "Isso", "Isto", "Esse", "Essa", "Segundo", "Para", "Com", "Não",
  "Se", "Ao", "Aos", "Do", "Da", "Depois", "Também", "Quando", "Já",
  "Hoje", "Ontem", "Seu", "Sua", NULL
};

static const char * const nl_starters[] = {
  "De", "Het", "Een", "Hij", "Zij", "Ze", "Wij", "We", "Ik", "Jij", "Je",
  "U", "Maar", "En", "Of", "In", "Dit", "Deze", "Dat", "Die", "Er",
  "Volgens", "Ook", "Op", "Met", "Voor", "Na", "Bij", "Aan", "Van",
  "Daarna", "Toen", "Nu", "Als", "Zijn", "Haar", "Hun", "Daarom",
  "Bovendien", NULL
};

static const char * const ru_starters[] = {
  "Он", "Она", "Оно", "Они", "Мы", "Я", "Вы", "Ты", "Это", "Этот", "Эта",
  "Эти", "Тот", "Та", "В", "Во", "На", "Но", "И", "А", "По", "Так", "Как",
  "Однако", "После", "При", "Для", "Из", "С", "Со", "К", "Его", "Ее", "Её",
  "Их", "Уже", "Также", "Сейчас", "Теперь", "Затем", "Потом", "Тогда",
  "Когда", "Если", "Кроме", "Ранее", "Все", "Всё", "Здесь", "Там", NULL
};

static const char * const uk_starters[] = {
  "Він", "Вона", "Воно", "Вони", "Ми", "Я", "Ви", "Ти", "Це", "Цей", "Ця",
  "Ці", "Той", "Та", "В", "У", "На", "Але", "І", "Й", "А", "По", "Так",
  "Як", "Однак", "Проте", "Після", "При", "Для", "З", "Із", "До", "Його",
  "Її", "Їх", "Вже", "Також", "Зараз", "Тепер", "Потім", "Тоді", "Коли",
  "Якщо", "Крім", "Раніше", "Усе", "Все", "Тут", "Там", NULL
};

static const char * const pl_starters[] = {
  "On", "Ona", "Ono", "Oni", "One", "My", "Ja", "Wy", "Ty", "To", "Ten",
  "Ta", "Te", "W", "We", "Na", "Ale", "I", "A", "Jak", "Po", "Dla", "Z",
  "Ze", "Od", "Do", "Według", "Jednak", "Nie", "Tak", "Jego", "Jej", "Ich",
  "Już", "Także", "Teraz", "Potem", "Wtedy", "Kiedy", "Gdy", "Jeśli",
  "Przed", "Podczas", "Wcześniej", "Oprócz", "Również", NULL
};

static const char * const tr_starters[] = {
  "Bu", "Şu", "O", "Bir", "Ve", "Ama", "Fakat", "Ancak", "Ben", "Biz",
  "Sen", "Siz", "Onlar", "Bunun", "Bunu", "Buna", "Sonra", "Daha", "Her",
  "Ayrıca", "Şimdi", "Böylece", "Çünkü", "Eğer", "Hem", "Ne", "Bugün",
  "Dün", NULL
};

static const char * const sv_starters[] = {
  "Den", "Det", "De", "Dem", "En", "Ett", "Han", "Hon", "Vi", "Jag", "Du",
  "Ni", "Men", "Och", "Eller", "I", "På", "Enligt", "Där", "Som", "Efter",
  "Detta", "Denna", "Dessa", "Nu", "Så", "Då", "När", "Om", "Hans",
  "Hennes", "Deras", "Även", "Också", "Under", "Sedan", "Till", "Med",
  "För", "Av", "Vid", NULL
};

/* The order is the order of precedence when the language is unknown */
static const LanguageRules languages[] = {
  { "en", en_abbreviations, en_starters, FALSE },
  { "de", de_abbreviations, de_starters, TRUE },
  { "fr", fr_abbreviations, fr_starters, FALSE },
  { "es", es_abbreviations, es_starters, FALSE },
  { "it", it_abbreviations, it_starters, FALSE },
  { "pt", pt_abbreviations, pt_starters, FALSE },
  { "nl", nl_abbreviations, nl_starters, FALSE },
  { "ru", ru_abbreviations, ru_starters, FALSE },
  { "uk", uk_abbreviations, uk_starters, FALSE },
  { "pl", pl_abbreviations, pl_starters, FALSE },
  { "tr", tr_abbreviations, tr_starters, TRUE },
  { "sv", sv_abbreviations, sv_starters, FALSE },
};

/* Character classes of the scan */
enum {
  CHAR_SPACE = 1 << 0,  /* white space within a line */
  CHAR_LINE  = 1 << 1,  /* a line break: always ends a sentence */
  CHAR_TERM  = 1 << 2,  /* may end a sentence */
  CHAR_ALNUM = 1 << 3,
};

/* How a cluster of terminators ends a sentence */
typedef enum {
  CLUSTER_PERIOD,    /* "." */
  CLUSTER_ELLIPSIS,  /* "..." or "…" */
  CLUSTER_STRONG,    /* "?" "!" and their kin in other scripts */
  CLUSTER_CJK,       /* "。" "！" "？": ends a sentence, space or not */
} ClusterKind;

typedef struct
{
  gsize        end;      /* just after the terminators and closing marks */
  ClusterKind  kind;
  gboolean     closed;   /* a closing quote or bracket follows the terminator */
} Cluster;

typedef struct
{
  const char          *text;
  gsize                length;
  const LanguageRules *rules;    /* NULL: the language is unknown */
  GPtrArray           *sentences;
  gsize                anchor_byte;   /* a byte offset whose code-point offset is known */
  guint                anchor_offset;
} Splitter;

/* Decodes the character at @i of valid UTF-8 text */
static inline gunichar
char_at (const char *text,
         gsize       length,
         gsize       i,
         guint      *char_length)
{
  const guchar *s = (const guchar *) text + i;
  gsize left = length - i;

  if (s[0] < 0x80 || left < 2)
    {
      *char_length = 1;
      return s[0];
    }
  if (s[0] < 0xE0 || left < 3)
    {
      *char_length = 2;
      return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    }
  if (s[0] < 0xF0 || left < 4)
    {
      *char_length = 3;
      return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
  *char_length = 4;
  return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* Where the character before byte @i starts */
static inline gsize
previous_char (const char *text,
               gsize       i)
{
  do
    i--;
  while (i > 0 && ((guchar) text[i] & 0xC0) == 0x80);

  return i;
}

static inline gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* White space within a line, and the invisible characters that pad text */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';

  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* "?" "!" and the question and exclamation marks and full stops of
 * scripts that write them apart from the next sentence */
static inline gboolean
is_strong_terminator (gunichar c)
{
  switch (c)
    {
    case '!': case '?':
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:  /* ‼ ⁇ ⁈ ⁉ */
    case 0x061F: case 0x06D4:                            /* Arabic ؟ Urdu ۔ */
    case 0x0964: case 0x0965:                            /* Devanagari । ॥ */
    case 0x0589: case 0x1362: case 0x104B:               /* Armenian, Ethiopic, Myanmar */
    case 0xFE56: case 0xFE57:                            /* small ? ! */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Full stops of scripts written without spaces between sentences */
static inline gboolean
is_cjk_terminator (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61 || c == 0xFE12;
}

static inline gboolean
is_terminator (gunichar c)
{
  return c == '.' || c == 0x2026 || is_strong_terminator (c) || is_cjk_terminator (c);
}

/* Marks that close a quote or a parenthesis after a full stop: “…” ‘…’
 * „…“ »…« «…» (…) 「…」 */
static inline gboolean
is_closing_mark (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x201D: case 0x2019: case 0x201C: case 0x2018:  /* ” ’ “ ‘ */
    case 0x00BB: case 0x00AB: case 0x203A: case 0x2039:  /* » « › ‹ */
    case 0x300D: case 0x300F: case 0x300B: case 0x3009:  /* 」 』 》 〉 */
    case 0x3011: case 0x3015: case 0x301E: case 0x301F:  /* 】 〕 〞 〟 */
    case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF02: case 0xFF07:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Marks that open a quote or a parenthesis, or a line of dialogue */
static inline gboolean
is_opening_mark (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case '(': case '[': case '{':
    case 0x201C: case 0x2018: case 0x201E: case 0x201A:  /* “ ‘ „ ‚ */
    case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:  /* « » ‹ › */
    case 0x00BF: case 0x00A1:                            /* ¿ ¡ */
    case 0x2013: case 0x2014:                            /* – — */
    case 0x300C: case 0x300E: case 0x300A: case 0x3008:  /* 「 『 《 〈 */
    case 0x3010: case 0xFF08:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The dashes that set a speaker's words apart in dialogue */
static inline gboolean
is_dash (gunichar c)
{
  return c == 0x2013 || c == 0x2014 || c == '-';
}

/* Scripts written without spaces: a "?" before them ends a sentence */
static inline gboolean
is_unspaced_script (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF) ||   /* kana */
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK ideographs */
         (c >= 0xF900 && c <= 0xFAFF);
}

/* List bullets that open a line and belong to no sentence */
static inline gboolean
is_bullet (gunichar c)
{
  switch (c)
    {
    case '*': case '-': case 0x00B7:
    case 0x2022: case 0x2023: case 0x2043: case 0x25E6:  /* • ‣ ⁃ ◦ */
    case 0x25AA: case 0x25AB: case 0x25CF: case 0x25CB:  /* ▪ ▫ ● ○ */
    case 0x25A0: case 0x25A1: case 0x25BA: case 0x25B6:  /* ■ □ ► ▶ */
    case 0x2713: case 0x2714: case 0x27A2:               /* ✓ ✔ ➢ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Classes of the ASCII characters, so that most bytes cost one look-up */
static const guint8 ascii_classes[128] = {
  ['\t'] = CHAR_SPACE, ['\v'] = CHAR_SPACE, ['\f'] = CHAR_SPACE, [' '] = CHAR_SPACE,
  ['\n'] = CHAR_LINE, ['\r'] = CHAR_LINE,
  ['.'] = CHAR_TERM, ['!'] = CHAR_TERM, ['?'] = CHAR_TERM,
  ['0'] = CHAR_ALNUM, ['1'] = CHAR_ALNUM, ['2'] = CHAR_ALNUM, ['3'] = CHAR_ALNUM,
  ['4'] = CHAR_ALNUM, ['5'] = CHAR_ALNUM, ['6'] = CHAR_ALNUM, ['7'] = CHAR_ALNUM,
  ['8'] = CHAR_ALNUM, ['9'] = CHAR_ALNUM,
  ['A'] = CHAR_ALNUM, ['B'] = CHAR_ALNUM, ['C'] = CHAR_ALNUM, ['D'] = CHAR_ALNUM,
  ['E'] = CHAR_ALNUM, ['F'] = CHAR_ALNUM, ['G'] = CHAR_ALNUM, ['H'] = CHAR_ALNUM,
  ['I'] = CHAR_ALNUM, ['J'] = CHAR_ALNUM, ['K'] = CHAR_ALNUM, ['L'] = CHAR_ALNUM,
  ['M'] = CHAR_ALNUM, ['N'] = CHAR_ALNUM, ['O'] = CHAR_ALNUM, ['P'] = CHAR_ALNUM,
  ['Q'] = CHAR_ALNUM, ['R'] = CHAR_ALNUM, ['S'] = CHAR_ALNUM, ['T'] = CHAR_ALNUM,
  ['U'] = CHAR_ALNUM, ['V'] = CHAR_ALNUM, ['W'] = CHAR_ALNUM, ['X'] = CHAR_ALNUM,
  ['Y'] = CHAR_ALNUM, ['Z'] = CHAR_ALNUM,
  ['a'] = CHAR_ALNUM, ['b'] = CHAR_ALNUM, ['c'] = CHAR_ALNUM, ['d'] = CHAR_ALNUM,
  ['e'] = CHAR_ALNUM, ['f'] = CHAR_ALNUM, ['g'] = CHAR_ALNUM, ['h'] = CHAR_ALNUM,
  ['i'] = CHAR_ALNUM, ['j'] = CHAR_ALNUM, ['k'] = CHAR_ALNUM, ['l'] = CHAR_ALNUM,
  ['m'] = CHAR_ALNUM, ['n'] = CHAR_ALNUM, ['o'] = CHAR_ALNUM, ['p'] = CHAR_ALNUM,
  ['q'] = CHAR_ALNUM, ['r'] = CHAR_ALNUM, ['s'] = CHAR_ALNUM, ['t'] = CHAR_ALNUM,
  ['u'] = CHAR_ALNUM, ['v'] = CHAR_ALNUM, ['w'] = CHAR_ALNUM, ['x'] = CHAR_ALNUM,
  ['y'] = CHAR_ALNUM, ['z'] = CHAR_ALNUM,
};

/* The class of a character beyond ASCII */
static guint
unichar_class (gunichar c)
{
  if (is_line_break (c))
    return CHAR_LINE;
  if (is_space (c))
    return CHAR_SPACE;
  if (is_terminator (c))
    return CHAR_TERM;
  if (g_unichar_isalnum (c))
    return CHAR_ALNUM;
  return 0;
}

/* The code-point offset of byte @byte; offsets are asked for in order, so
 * counting on from the last one keeps the whole split linear. */
static guint
splitter_offset (Splitter *self,
                 gsize     byte)
{
  const guchar *s = (const guchar *) self->text;
  guint offset = self->anchor_offset;

  for (gsize i = self->anchor_byte; i < byte; i++)
    offset += (s[i] & 0xC0) != 0x80;

  self->anchor_byte = byte;
  self->anchor_offset = offset;

  return offset;
}

/* Adds the sentence [start, end), trimmed of white space; a stretch with
 * neither letters nor digits ("***", a lone "—") is no sentence. */
static void
splitter_emit (Splitter *self,
               gsize     start,
               gsize     end)
{
  gboolean has_alnum = FALSE;
  guint char_length;
  g_autofree char *text = NULL;
  guint start_offset;

  if (start == NO_SENTENCE)
    return;

  while (end > start)
    {
      gsize last = previous_char (self->text, end);

      if (!is_space (char_at (self->text, self->length, last, &char_length)) &&
          !is_line_break (char_at (self->text, self->length, last, &char_length)))
        break;
      end = last;
    }

  for (gsize i = start; i < end && !has_alnum; i += char_length)
    {
      gunichar c = char_at (self->text, self->length, i, &char_length);

      has_alnum = c < 0x80 ? (ascii_classes[c] & CHAR_ALNUM) != 0 : g_unichar_isalnum (c);
    }
  if (!has_alnum)
    return;

  text = g_strndup (self->text + start, end - start);
  start_offset = splitter_offset (self, start);
  g_ptr_array_add (self->sentences,
                   nf_sentence_new (text, start_offset, splitter_offset (self, end), 0.0));
}

/* Reads the terminators at @term and the closing marks that follow them.
 * A mark closes only when what follows it cannot go on the same word:
 * white space, the end, another mark or terminator, or a comma. */
static void
scan_cluster (Splitter *self,
              gsize     term,
              Cluster  *cluster)
{
  gsize i = term;
  guint dots = 0, char_length;
  gboolean strong = FALSE, cjk = FALSE, ellipsis = FALSE;

  cluster->closed = FALSE;

  while (i < self->length)
    {
      gunichar c = char_at (self->text, self->length, i, &char_length);

      if (c == '.')
        dots++;
      else if (c == 0x2026)
        ellipsis = TRUE;
      else if (is_cjk_terminator (c))
        cjk = TRUE;
      else if (is_strong_terminator (c))
        strong = TRUE;
      else if (is_closing_mark (c))
        {
          gsize after = i + char_length;
          gunichar next = after < self->length ?
            char_at (self->text, self->length, after, &char_length) : 0;

          if (!cjk && next != 0 && !is_space (next) && !is_line_break (next) &&
              !is_closing_mark (next) && !is_terminator (next) &&
              next != ',' && next != ';' && next != ':')
            break;
          cluster->closed = TRUE;
          i = after;
          continue;
        }
      else
        break;

      i += char_length;
    }

  /* French sets its closing guillemet apart: « Il viendra. » */
  if (i < self->length)
    {
      gsize j = i;
      gunichar c = 0;

      while (j < self->length && is_space (c = char_at (self->text, self->length, j, &char_length)))
        j += char_length;
      if (j > i && j < self->length && (c == 0x00BB || c == 0x203A))
        {
          gsize after = j + char_length;
          gunichar next = after < self->length ?
            char_at (self->text, self->length, after, &char_length) : 0;

          if (next == 0 || is_space (next) || is_line_break (next))
            {
              i = after;
              cluster->closed = TRUE;
            }
        }
    }

  cluster->end = i;
  if (cjk)
    cluster->kind = CLUSTER_CJK;
  else if (strong)
    cluster->kind = CLUSTER_STRONG;
  else if (ellipsis || dots >= 3)
    cluster->kind = CLUSTER_ELLIPSIS;
  else
    cluster->kind = CLUSTER_PERIOD;
}

/* Looks @word up in one table: @exact as written, @folded in lower case */
static int
lookup_in (const Abbreviation *table,
           const char         *exact,
           const char         *folded,
           gboolean            exact_only)
{
  for (const Abbreviation *a = table; a->word != NULL; a++)
    {
      if (a->kind & EXACT)
        {
          if (a->word[0] == exact[0] && strcmp (a->word, exact) == 0)
            return a->kind & ~EXACT;
        }
      else if (!exact_only && a->word[0] == folded[0] && strcmp (a->word, folded) == 0)
        return a->kind;
    }

  return -1;
}

/* Looks an abbreviation up in the language's table and the universal one,
 * or in every table when the language is unknown.  Returns -1 when it is
 * no known abbreviation. */
static int
lookup_abbreviation (const Splitter *self,
                     const char     *exact,
                     gboolean        exact_only)
{
  char folded[MAX_TOKEN_BYTES * 2 + 8];
  gsize n = 0;
  int kind;

  for (const char *p = exact; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (n + 6 >= sizeof folded)
        return -1;
      n += g_unichar_to_utf8 (c, folded + n);
    }
  folded[n] = '\0';

  if (self->rules != NULL)
    {
      kind = lookup_in (self->rules->abbreviations, exact, folded, exact_only);
      if (kind < 0)
        kind = lookup_in (universal_abbreviations, exact, folded, exact_only);
      return kind;
    }

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if ((kind = lookup_in (languages[i].abbreviations, exact, folded, exact_only)) >= 0)
      return kind;

  return lookup_in (universal_abbreviations, exact, folded, exact_only);
}

/* Whether @word is a word that often opens a sentence */
static gboolean
is_starter (const Splitter *self,
            const char     *word)
{
  guint first = 0, last = G_N_ELEMENTS (languages);

  if (self->rules != NULL)
    {
      first = self->rules - languages;
      last = first + 1;
    }

  for (guint i = first; i < last; i++)
    for (const char * const *s = languages[i].starters; *s != NULL; s++)
      if ((*s)[0] == word[0] && strcmp (*s, word) == 0)
        return TRUE;

  return FALSE;
}

/* The value of a Roman numeral letter, 0 for other characters */
static guint
roman_value (char c)
{
  switch (c)
    {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
    }
}

/* A Roman numeral written the canonical way: "XIV", "II", not "CIVIL":
 * read its value, write it back and compare. */
static gboolean
is_roman_numeral (const char *word)
{
  static const struct { const char *symbol; guint value; } numerals[] = {
    { "M", 1000 }, { "CM", 900 }, { "D", 500 }, { "CD", 400 }, { "C", 100 },
    { "XC", 90 }, { "L", 50 }, { "XL", 40 }, { "X", 10 }, { "IX", 9 },
    { "V", 5 }, { "IV", 4 }, { "I", 1 },
  };
  char canonical[32];
  gsize n = 0, length = strlen (word);
  guint value = 0;

  if (length == 0 || length > 15)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guint v = roman_value (word[i]);

      if (v == 0)
        return FALSE;
      if (i + 1 < length && roman_value (word[i + 1]) > v)
        value -= v;
      else
        value += v;
    }
  if (value == 0 || value > 3999)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (numerals); i++)
    while (value >= numerals[i].value && n + 3 < sizeof canonical)
      {
        n += g_strlcpy (canonical + n, numerals[i].symbol, sizeof canonical - n);
        value -= numerals[i].value;
      }
  canonical[n] = '\0';

  return strcmp (canonical, word) == 0;
}

/* What the word @word (the text before a full stop, without the stop)
 * says about it.  @previous is the word before it when that one is a
 * short word with a full stop ("z." of "z. B."), else NULL. */
static TokenKind
classify_word (const Splitter *self,
               const char     *word,
               const char     *previous,
               gboolean        opens_sentence)
{
  guint letters = 0, digits = 0, dots = 0, others = 0, upper = 0, chars = 0;
  guint segment = 0, longest_segment = 0;
  int kind;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      chars++;
      if (c == '.')
        {
          dots++;
          segment = 0;
          continue;
        }
      segment++;
      longest_segment = MAX (longest_segment, segment);
      if (g_unichar_isdigit (c))
        digits++;
      else if (g_unichar_isalpha (c))
        {
          letters++;
          upper += g_unichar_isupper (c);
        }
      else
        others++;
    }

  if (chars == 0)
    return TOKEN_WORD;

  /* "z. B.", "т. е.", "p. ex.": an abbreviation written with spaces */
  if (previous != NULL && digits == 0 && letters <= 4)
    {
      char pair[MAX_TOKEN_BYTES * 2 + 2];

      g_snprintf (pair, sizeof pair, "%s.%s", previous, word);
      if ((kind = lookup_abbreviation (self, pair, FALSE)) >= 0)
        return kind;
    }

  if (letters == 0 && digits > 0 && others == 0)
    {
      if (opens_sentence && dots == 0 && digits <= 3)
        return TOKEN_LIST_MARKER;                 /* "1. Buy milk" */
      if (dots == 0 && digits <= 3 &&
          (self->rules == NULL || self->rules->dot_ordinals))
        return TOKEN_ORDINAL;                     /* "am 3. Oktober" */
      return TOKEN_NUMBER;
    }

  if (letters == 1 && chars == 1)
    {
      if (upper)
        {
          kind = lookup_abbreviation (self, word, TRUE);
          return kind >= 0 ? kind : (opens_sentence ? TOKEN_LIST_MARKER : TOKEN_INITIAL);
        }
      kind = lookup_abbreviation (self, word, FALSE);
      return kind >= 0 ? kind : TOKEN_INITIAL;
    }

  if ((kind = lookup_abbreviation (self, word, FALSE)) >= 0)
    return kind;

  /* German street names shorten "-straße" to "-str.": "Hauptstr. 5" */
  if ((self->rules == NULL || strcmp (self->rules->code, "de") == 0) &&
      letters > 3 && chars == letters && g_str_has_suffix (word, "str"))
    return TOKEN_FINAL;

  /* "A.B.C.", "Sig.ra": an abbreviation we do not know */
  if (dots > 0 && digits == 0 && others == 0 && longest_segment <= 4)
    return TOKEN_FINAL;

  if (upper == letters && chars == letters && letters >= 2 && is_roman_numeral (word))
    return TOKEN_FINAL;                           /* "Ludwig XIV.", "World War II." */

  if (opens_sentence && letters == 0)
    return TOKEN_LIST_MARKER;

  return TOKEN_WORD;
}

/* Copies the word that ends just before the full stop at @dot into
 * @word, without opening quotes or brackets; FALSE when it is too long to
 * be an abbreviation.  @word_start is where it starts in the text. */
static gboolean
word_before (const Splitter *self,
             gsize           sentence_start,
             gsize           dot,
             char           *word,
             gsize          *word_start)
{
  gsize start = dot;
  guint char_length;

  while (start > sentence_start)
    {
      gsize prev = previous_char (self->text, start);
      gunichar c = char_at (self->text, self->length, prev, &char_length);

      if (is_space (c) || is_line_break (c))
        break;
      start = prev;
      if (dot - start > MAX_TOKEN_BYTES * 3)
        return FALSE;
    }

  while (start < dot && is_opening_mark (char_at (self->text, self->length, start, &char_length)))
    start += char_length;

  /* "l'on.", "dell'avv.": the abbreviation is after the elided article */
  for (gsize i = start; i < dot; i += char_length)
    {
      gunichar c = char_at (self->text, self->length, i, &char_length);

      if ((c == '\'' || c == 0x2019) && i + char_length < dot)
        start = i + char_length;
    }

  if (dot - start > MAX_TOKEN_BYTES)
    return FALSE;

  memcpy (word, self->text + start, dot - start);
  word[dot - start] = '\0';
  *word_start = start;

  return TRUE;
}

/* The short abbreviation before @word_start, as "z" of "z. B.": a word of
 * at most four letters, a full stop, one space. */
static gboolean
short_word_before (const Splitter *self,
                   gsize           sentence_start,
                   gsize           word_start,
                   char           *previous)
{
  gsize end, start;
  guint char_length, letters = 0;

  if (word_start < sentence_start + 3 || self->text[word_start - 1] != ' ' ||
      self->text[word_start - 2] != '.')
    return FALSE;

  end = start = word_start - 2;
  while (start > sentence_start)
    {
      gsize prev = previous_char (self->text, start);

      if (!g_unichar_isalpha (char_at (self->text, self->length, prev, &char_length)))
        break;
      start = prev;
      if (++letters > 4)
        return FALSE;
    }
  if (letters == 0)
    return FALSE;

  memcpy (previous, self->text + start, end - start);
  previous[end - start] = '\0';

  return TRUE;
}

/* Copies the word at @i into @word, past opening marks; returns its
 * length in characters, 0 when there is none or it is too long. */
static guint
word_after (const Splitter *self,
            gsize           i,
            char           *word)
{
  guint char_length, chars = 0;
  gsize start;

  while (i < self->length && is_opening_mark (char_at (self->text, self->length, i, &char_length)))
    i += char_length;

  start = i;
  while (i < self->length && g_unichar_isalpha (char_at (self->text, self->length, i, &char_length)))
    {
      i += char_length;
      chars++;
      if (i - start >= MAX_STARTER_BYTES)
        return 0;
    }

  memcpy (word, self->text + start, i - start);
  word[i - start] = '\0';

  return chars;
}

/* Whether the lower-case word at @i is written in mixed case, as brands
 * are ("iPhone", "eBay"): one may open a sentence. */
static gboolean
is_mixed_case_word (const Splitter *self,
                    gsize           i)
{
  guint char_length;

  for (guint n = 0; i < self->length && n < 8; n++, i += char_length)
    {
      gunichar c = char_at (self->text, self->length, i, &char_length);

      if (!g_unichar_isalpha (c))
        return FALSE;
      if (g_unichar_isupper (c))
        return TRUE;
    }

  return FALSE;
}

/* Whether the full stop at @dot ends the sentence that started at
 * @sentence_start, @next being the first character after it and the
 * white space that follows */
static gboolean
full_stop_ends_sentence (const Splitter *self,
                         gsize           sentence_start,
                         gsize           dot,
                         gsize           next)
{
  char word[MAX_TOKEN_BYTES + 1];
  char previous[MAX_TOKEN_BYTES + 1];
  char following[MAX_STARTER_BYTES + 1];
  gsize word_start;
  guint char_length, following_length;
  gunichar c = char_at (self->text, self->length, next, &char_length);
  TokenKind kind;

  if (!word_before (self, sentence_start, dot, word, &word_start))
    kind = TOKEN_WORD;
  else
    kind = classify_word (self, word,
                          short_word_before (self, sentence_start, word_start, previous) ?
                            previous : NULL,
                          word_start == sentence_start);

  /* a lower-case word goes on with the sentence, unless a brand written
   * in mixed case opens the next one after a plain word */
  if (g_unichar_islower (c))
    return (kind == TOKEN_WORD || kind == TOKEN_NUMBER) && is_mixed_case_word (self, next);

  /* a number after "No.", "Sept.", "U.S." or an initial belongs to it */
  if (g_unichar_isdigit (c))
    return kind == TOKEN_WORD || kind == TOKEN_NUMBER || kind == TOKEN_ORDINAL;

  switch (kind)
    {
    case TOKEN_NEVER_END:
    case TOKEN_LIST_MARKER:
      return FALSE;

    case TOKEN_INITIAL:
      /* "Plan B. The …" ends; "J. R. R. Tolkien", "В. В. Путин" go on */
      following_length = word_after (self, next, following);
      return following_length >= 2 && !is_opening_mark (c) && is_starter (self, following);

    case TOKEN_FINAL:
    case TOKEN_ORDINAL:
      if (is_opening_mark (c))
        return TRUE;
      following_length = word_after (self, next, following);
      return following_length > 0 && is_starter (self, following);

    case TOKEN_WORD:
    case TOKEN_NUMBER:
    case TOKEN_BEFORE_NUMBER:
    default:
      return TRUE;
    }
}

/* Whether a lower-case word follows the white space at @i */
static gboolean
lower_case_after_dash (const Splitter *self,
                       gsize           i)
{
  guint char_length;
  gunichar c = 0;

  while (i < self->length && is_space (c = char_at (self->text, self->length, i, &char_length)))
    i += char_length;

  return i < self->length && g_unichar_islower (c);
}

/* Whether the terminators at @term end the sentence that started at
 * @sentence_start; @end is set to where the sentence would end, after
 * the terminators and closing marks. */
static gboolean
cluster_ends_sentence (Splitter *self,
                       gsize     sentence_start,
                       gsize     term,
                       gsize    *end)
{
  Cluster cluster;
  gsize next;
  guint char_length;
  gunichar c = 0;

  scan_cluster (self, term, &cluster);
  *end = cluster.end;

  if (cluster.kind == CLUSTER_CJK)
    return TRUE;

  next = cluster.end;
  while (next < self->length && is_space (c = char_at (self->text, self->length, next, &char_length)))
    next += char_length;
  if (next >= self->length)
    return TRUE;
  c = char_at (self->text, self->length, next, &char_length);
  if (is_line_break (c))
    return TRUE;

  /* "3.5", "example.org/a.b", "Yahoo!Inc": no space, no end; but a "?"
   * before Chinese or Japanese ends one */
  if (next == cluster.end)
    return cluster.kind == CLUSTER_STRONG && is_unspaced_script (c);

  /* "— Ты придёшь? — спросил он.": a dash and a lower-case word go on with
   * the line of dialogue */
  if (is_dash (c) && lower_case_after_dash (self, next + char_length))
    return FALSE;

  switch (cluster.kind)
    {
    case CLUSTER_STRONG:
      /* “Why?” he asked. */
      return !g_unichar_islower (c);

    case CLUSTER_ELLIPSIS:
      /* "[…]" marks a cut in a quote, "Well… maybe" trails off */
      if (term > 0)
        {
          gunichar before = char_at (self->text, self->length, previous_char (self->text, term),
                                     &char_length);

          if (before == '[' || before == '(')
            return FALSE;
        }
      return !g_unichar_islower (c);

    case CLUSTER_PERIOD:
      if (cluster.closed)
        return !g_unichar_islower (c);
      return full_stop_ends_sentence (self, sentence_start, term, next);

    case CLUSTER_CJK:
    default:
      return TRUE;
    }
}

/* The length in bytes of a list bullet at @i with its white space, or 0 */
static gsize
bullet_length (const Splitter *self,
               gsize           i,
               gunichar        c,
               guint           char_length)
{
  gsize j = i + char_length;
  guint next_length;

  if (!is_bullet (c) || j >= self->length ||
      !is_space (char_at (self->text, self->length, j, &next_length)))
    return 0;

  return j - i;
}

/* The one pass: finds where sentences start and end */
static void
splitter_run (Splitter *self)
{
  const guchar *s = (const guchar *) self->text;
  gsize start = NO_SENTENCE;
  gboolean line_start = TRUE, has_alnum = FALSE;
  gsize i = 0;

  while (i < self->length)
    {
      guint char_length = 1;
      gunichar c = s[i];
      guint klass;

      if (c < 0x80)
        klass = ascii_classes[c];
      else
        {
          c = char_at (self->text, self->length, i, &char_length);
          klass = unichar_class (c);
        }

      if (klass & CHAR_LINE)
        {
          splitter_emit (self, start, i);
          start = NO_SENTENCE;
          line_start = TRUE;
          i += char_length;
          continue;
        }

      if (klass & CHAR_SPACE)
        {
          i += char_length;
          continue;
        }

      if (start == NO_SENTENCE)
        {
          gsize bullet = line_start ? bullet_length (self, i, c, char_length) : 0;

          line_start = FALSE;
          if (bullet > 0)
            {
              i += bullet;
              continue;
            }
          start = i;
          has_alnum = FALSE;
        }

      if (klass & CHAR_TERM)
        {
          gsize end = i + char_length;

          /* a terminator before any word ("… and then") opens a sentence */
          if (has_alnum && cluster_ends_sentence (self, start, i, &end))
            {
              splitter_emit (self, start, end);
              start = NO_SENTENCE;
            }
          i = MAX (end, i + char_length);
          continue;
        }

      has_alnum |= (klass & CHAR_ALNUM) != 0;
      i += char_length;
    }

  splitter_emit (self, start, self->length);
}

/* The rules of @language ("en", "de-AT", "pt_BR"), or NULL for a language
 * this file knows no rules of */
static const LanguageRules *
rules_for_language (const char *language)
{
  char code[3];

  if (language == NULL || language[0] == '\0' || language[1] == '\0')
    return NULL;
  if (language[2] != '\0' && language[2] != '-' && language[2] != '_')
    return NULL;

  code[0] = g_ascii_tolower (language[0]);
  code[1] = g_ascii_tolower (language[1]);
  code[2] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, code) == 0)
      return &languages[i];

  return NULL;
}

/**
 * nf_text_split_sentences:
 * @text: a text, paragraphs separated by line breaks
 * @language: (nullable): the text's ISO 639-1 language code, or %NULL or ""
 *   when it is unknown
 *
 * Splits @text into sentences, the way news is written.
 *
 * A line break always ends a sentence, so headlines, datelines and list
 * items without a full stop are sentences of their own (a bullet opening
 * a line is left out).  "?", "!", "…" and the full stops of Chinese and
 * Japanese end a sentence, with the closing quotes and brackets that
 * follow them.  A full stop ends one unless it closes an abbreviation the
 * language knows ("Dr.", "z.B.", "т.е."), an initial ("J. R. R. Tolkien"),
 * an ordinal ("am 3. Oktober" in German, Polish and Turkish), or unless a
 * lower-case word follows.  After an abbreviation that may also end a
 * sentence ("U.S.", "etc.", "Inc."), it ends one when the next word is one
 * that often opens a sentence in the language ("The", "Der", "Он"…).
 * Decimal numbers, dates, addresses and file names ("3.5", "12.03.2026",
 * "example.org/a.b") do not end a sentence.  When @language is unknown,
 * the rules of all the languages apply.
 *
 * Each sentence's text is the stretch of @text from its start to its end
 * offset, in code points, end exclusive; it has no white space around it.
 * Stretches without a letter or a digit are left out.  Invalid UTF-8 in
 * @text is read as g_utf8_make_valid() repairs it, offsets included.
 *
 * Returns: (transfer container) (element-type NfSentence): the sentences, in
 *   order, each with a score of 0; an empty array when @text has none
 */
GPtrArray *
nf_text_split_sentences (const char *text,
                         const char *language)
{
  g_autofree char *repaired = NULL;
  Splitter splitter = { 0, };

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = repaired = g_utf8_make_valid (text, -1);

  splitter.text = text;
  splitter.length = strlen (text);
  splitter.rules = rules_for_language (language);
  splitter.sentences = g_ptr_array_new_with_free_func (g_object_unref);

  splitter_run (&splitter);

  return splitter.sentences;
}
