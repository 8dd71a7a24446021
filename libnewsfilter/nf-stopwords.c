/* nf-stopwords.c: the function words of each language
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "newsfilter.h"
#include "nf-text-private.h"

/* The lists were written for libnewsfilter from the grammar of each
 * language: articles, pronouns, prepositions, conjunctions, auxiliary and
 * modal verbs, and the commonest adverbs.  They are lower-case NFC, the
 * elisions of French and Italian keep their apostrophe ("l'", "dell'"),
 * as nf_text_next_word() cuts them.  They also drive language
 * identification (nf-language.c): a word that sits in one list only is
 * the best evidence there is, so keep the lists to true function words. */

static const char * const stopwords_en[] = {
  "a", "about", "above", "after", "again", "against", "all", "almost",
  "also", "although", "always", "am", "among", "an", "and", "another",
  "any", "anyone", "anything", "are", "around", "as", "at", "be",
  "because", "been", "before", "being", "below", "between", "both", "but",
  "by", "can", "cannot", "could", "did", "do", "does", "doing", "done",
  "down", "during", "each", "either", "else", "enough", "even", "ever",
  "every", "few", "for", "from", "further", "had", "has", "have", "having",
  "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
  "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
  "least", "less", "many", "may", "me", "might", "more", "most", "much",
  "must", "my", "myself", "neither", "never", "no", "nor", "not", "now",
  "of", "off", "often", "on", "once", "only", "or", "other", "others",
  "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps",
  "quite", "rather", "same", "several", "shall", "she", "should", "since",
  "so", "some", "something", "still", "such", "than", "that", "the",
  "their", "theirs", "them", "themselves", "then", "there", "these",
  "they", "this", "those", "though", "through", "thus", "to", "too",
  "under", "until", "up", "upon", "us", "very", "was", "we", "were",
  "what", "whatever", "when", "where", "whether", "which", "while", "who",
  "whom", "whose", "why", "will", "with", "within", "without", "would",
  "yet", "you", "your", "yours", "yourself", "yourselves", "don't",
  "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't",
  "can't", "couldn't", "shouldn't", "wouldn't", "it's", "i'm", "i've",
  "i'd", "i'll", "you're", "they're", "we're", "he's", "she's", "that's",
  "there's", "let's",
  NULL
};

static const char * const stopwords_de[] = {
  "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am",
  "an", "andere", "anderen", "anderer", "anderes", "auch", "auf", "aus",
  "bei", "beim", "bereits", "bin", "bis", "bist", "bzw", "da", "dabei",
  "dadurch", "dafür", "dagegen", "daher", "damit", "dann", "daran",
  "darauf", "darin", "darüber", "darum", "das", "dass", "daß", "dazu",
  "dein", "deine", "dem", "den", "denen", "denn", "der", "deren", "des",
  "deshalb", "dessen", "dich", "die", "dies", "diese", "diesem", "diesen",
  "dieser", "dieses", "dir", "doch", "dort", "du", "durch", "ein", "eine",
  "einem", "einen", "einer", "eines", "einige", "einigen", "er", "es",
  "etwa", "etwas", "euch", "euer", "eure", "für", "gegen", "gewesen",
  "habe", "haben", "hat", "hatte", "hatten", "hier", "hin", "hinter",
  "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer",
  "ihres", "im", "immer", "indem", "ins", "ist", "ja", "jede", "jedem",
  "jeden", "jeder", "jedes", "jedoch", "jetzt", "kann", "kein", "keine",
  "keinem", "keinen", "keiner", "können", "könnte", "man", "manche",
  "mehr", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir",
  "mit", "muss", "musste", "müssen", "nach", "nachdem", "nein", "nicht",
  "nichts", "noch", "nun", "nur", "ob", "oder", "ohne", "schon", "sehr",
  "sein", "seine", "seinem", "seinen", "seiner", "seines", "seit",
  "selbst", "sich", "sie", "sind", "so", "sogar", "solche", "soll",
  "sollen", "sollte", "sondern", "sowie", "über", "um", "und", "uns",
  "unser", "unsere", "unter", "viel", "viele", "vom", "von", "vor",
  "wann", "war", "waren", "warum", "was", "weil", "weiter", "welche",
  "welchem", "welchen", "welcher", "welches", "wenn", "wer", "werde",
  "werden", "wie", "wieder", "will", "wir", "wird", "wo", "wollen",
  "wurde", "wurden", "würde", "würden", "zu", "zum", "zur", "zwar",
  "zwischen",
  NULL
};

static const char * const stopwords_fr[] = {
  "a", "à", "afin", "ai", "ainsi", "alors", "après", "au", "aucun",
  "aucune", "aussi", "autre", "autres", "aux", "avaient", "avait", "avant",
  "avec", "avez", "avoir", "avons", "ayant", "beaucoup", "bien", "c'",
  "ça", "car", "ce", "ceci", "cela", "celle", "celles", "celui",
  "cependant", "ces", "cet", "cette", "ceux", "chaque", "chez", "comme",
  "comment", "contre", "d'", "dans", "de", "déjà", "depuis", "des", "dès",
  "donc", "dont", "du", "elle", "elles", "en", "encore", "entre", "es",
  "est", "et", "étaient", "étais", "était", "été", "être", "eu", "eux",
  "fait", "faire", "fois", "font", "fut", "hors", "il", "ils", "j'",
  "je", "jusqu'", "l'", "la", "là", "le", "les", "leur", "leurs", "lors",
  "lorsqu'", "lui", "m'", "ma", "mais", "me", "même", "mêmes", "mes",
  "moi", "moins", "mon", "n'", "ne", "ni", "non", "nos", "notre", "nous",
  "on", "ont", "ou", "où", "par", "parce", "parmi", "pas", "pendant",
  "peu", "peut", "plus", "plusieurs", "pour", "pourquoi", "puis",
  "puisqu'", "qu'", "quand", "que", "quel", "quelle", "quelles", "quels",
  "qui", "quoi", "s'", "sa", "sans", "se", "selon", "sera", "serait",
  "seront", "ses", "si", "soi", "soit", "son", "sont", "sous", "suis",
  "sur", "t'", "ta", "tandis", "te", "tes", "toi", "ton", "tous", "tout",
  "toute", "toutes", "très", "tu", "un", "une", "vers", "voici", "voilà",
  "vos", "votre", "vous", "y", "aurait", "aura", "ceux-ci",
  "celle-ci", "celui-ci", "est-ce", "lorsque", "puisque", "quelque",
  "quelques", "sinon", "tant", "toujours", "trop",
  NULL
};

static const char * const stopwords_es[] = {
  "a", "ahora", "al", "algo", "algunas", "algunos", "ante", "antes",
  "aquel", "aquella", "aquellas", "aquellos", "aquí", "así", "aun", "aún",
  "bajo", "bien", "cada", "como", "cómo", "con", "contra", "cual",
  "cuales", "cuando", "cuándo", "cuanto", "de", "del", "desde", "después",
  "donde", "dónde", "durante", "e", "el", "él", "ella", "ellas", "ello",
  "ellos", "en", "entonces", "entre", "era", "eran", "es", "esa", "esas",
  "ese", "eso", "esos", "esta", "está", "están", "estaba", "estaban",
  "estar", "estas", "este", "esto", "estos", "estoy", "fue", "fueron",
  "ha", "había", "habían", "hace", "hacia", "han", "hasta", "hay", "he",
  "hemos", "la", "las", "le", "les", "lo", "los", "más", "me", "mi",
  "mientras", "mis", "misma", "mismo", "mucho", "muchos", "muy", "nada",
  "ni", "no", "nos", "nosotros", "nuestra", "nuestras", "nuestro",
  "nuestros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero",
  "poco", "por", "porque", "pues", "puede", "pueden", "que", "qué",
  "quien", "quién", "quienes", "se", "sea", "según", "ser", "será", "si",
  "sí", "sido", "siempre", "siendo", "sin", "sino", "sobre", "solo",
  "sólo", "son", "su", "sus", "también", "tan", "tanto", "te", "tenía",
  "tener", "tiene", "tienen", "toda", "todas", "todo", "todos", "tras",
  "tu", "tú", "tus", "u", "un", "una", "unas", "uno", "unos", "usted",
  "ustedes", "vez", "y", "ya", "yo", "cuya", "cuyo", "dentro",
  "hubo", "incluso", "mediante", "menos", "nunca", "parece",
  "sean", "sería", "tal", "tampoco",
  NULL
};

static const char * const stopwords_it[] = {
  "a", "ad", "agli", "ai", "al", "all'", "alla", "alle", "allo", "altra",
  "altre", "altri", "altro", "anche", "ancora", "avere", "aveva",
  "avevano", "c'", "che", "chi", "ci", "coi", "col", "come", "con",
  "contro", "così", "cui", "da", "dagli", "dai", "dal", "dall'", "dalla",
  "dalle", "dallo", "degli", "dei", "del", "dell'", "della", "delle",
  "dello", "deve", "di", "dopo", "dove", "dunque", "e", "è", "ed", "era",
  "erano", "essa", "essere", "esso", "fa", "fino", "fra", "fu", "furono",
  "già", "gli", "ha", "hai", "hanno", "ho", "i", "il", "in", "io", "l'",
  "la", "le", "lei", "li", "lo", "loro", "lui", "ma", "mai", "me",
  "mentre", "mi", "mia", "mie", "miei", "mio", "molto", "ne", "negli",
  "nei", "nel", "nell'", "nella", "nelle", "nello", "niente", "noi",
  "non", "nostra", "nostre", "nostri", "nostro", "nulla", "o", "ogni",
  "oppure", "per", "perché", "però", "più", "poco", "poi", "possono",
  "proprio", "può", "qualche", "quale", "quali", "quando", "quanto",
  "quell'", "quella", "quelle", "quelli", "quello", "quest'", "questa",
  "queste", "questi", "questo", "quindi", "sarà", "saranno", "se", "sé",
  "sei", "sempre", "senza", "si", "sia", "siamo", "sono", "sopra",
  "sotto", "stata", "state", "stati", "stato", "stesso", "su", "sua",
  "sue", "sugli", "sui", "sul", "sull'", "sulla", "sulle", "suo", "suoi",
  "tanto", "tra", "tu", "tutta", "tutte", "tutti", "tutto", "un", "un'",
  "una", "uno", "verso", "vi", "voi", "anch'", "com'", "dov'", "ecco",
  "essendo", "inoltre", "invece", "neanche", "nemmeno", "ovvero",
  "pure", "secondo", "tuttavia",
  NULL
};

static const char * const stopwords_pt[] = {
  "a", "à", "ainda", "ao", "aos", "apenas", "após", "aquela", "aquelas",
  "aquele", "aqueles", "aquilo", "as", "às", "assim", "até", "cada",
  "com", "como", "contra", "da", "das", "de", "dela", "delas", "dele",
  "deles", "depois", "desde", "do", "dos", "durante", "e", "é", "ela",
  "elas", "ele", "eles", "em", "embora", "enquanto", "então", "entre",
  "era", "eram", "essa", "essas", "esse", "esses", "esta", "está",
  "estão", "estar", "estas", "estava", "estavam", "este", "estes",
  "estou", "eu", "faz", "fazer", "foi", "foram", "há", "havia", "isso",
  "isto", "já", "lá", "lhe", "lhes", "mais", "mas", "me", "mesmo", "meu",
  "meus", "minha", "minhas", "muito", "muitos", "na", "nas", "não", "nem",
  "no", "nos", "nós", "nossa", "nossas", "nosso", "nossos", "num", "numa",
  "o", "onde", "os", "ou", "outra", "outras", "outro", "outros", "para",
  "pela", "pelas", "pelo", "pelos", "pode", "podem", "pois", "por",
  "porém", "porque", "pouco", "qual", "quais", "quando", "que", "quem",
  "são", "se", "seja", "sem", "sempre", "ser", "será", "seria", "seu",
  "seus", "sido", "só", "sob", "sobre", "sua", "suas", "também", "tanto",
  "tão", "te", "tem", "têm", "ter", "teve", "tinha", "tinham", "toda",
  "todas", "todo", "todos", "tu", "um", "uma", "umas", "uns", "vai",
  "vão", "você", "vocês", "vos", "àquele", "daquele", "daquela", "desta",
  "deste", "dessa", "desse", "disso", "disto", "nesta", "neste", "nessa",
  "nesse", "nisso", "seriam", "tiveram",
  NULL
};

static const char * const stopwords_nl[] = {
  "aan", "al", "alle", "alleen", "als", "altijd", "ander", "andere",
  "anders", "bij", "binnen", "daar", "daarbij", "daarna", "daarom", "dan",
  "dat", "de", "der", "deze", "dezelfde", "die", "dit", "doch", "doen",
  "door", "dus", "echter", "een", "eens", "elk", "elke", "en", "enkele",
  "er", "gaan", "gaat", "geen", "geweest", "ging", "haar", "had",
  "hadden", "heb", "hebben", "hebt", "heeft", "hem", "hen", "het", "hier",
  "hij", "hoe", "hoewel", "hun", "iemand", "iets", "ik", "in", "is", "ja",
  "je", "jij", "jou", "jouw", "jullie", "kan", "kon", "konden", "kunnen",
  "maar", "me", "meer", "meest", "men", "met", "mij", "mijn", "moet",
  "moeten", "na", "naar", "nadat", "net", "niet", "niets", "nog", "nooit",
  "nu", "of", "om", "omdat", "onder", "ons", "onze", "ook", "op", "over",
  "reeds", "sinds", "soms", "steeds", "te", "tegen", "ten", "ter",
  "terwijl", "toch", "toen", "tot", "tussen", "u", "uit", "uw", "vaak",
  "van", "vanaf", "veel", "volgens", "voor", "vooral", "waar", "waarom",
  "wanneer", "want", "waren", "was", "wat", "we", "weer", "wel", "welk",
  "welke", "werd", "werden", "wie", "wij", "wil", "worden", "wordt",
  "zal", "ze", "zeer", "zei", "zelf", "zich", "zij", "zijn", "zo",
  "zoals", "zonder", "zou", "zouden", "zullen", "daarin", "daarmee",
  "daarvan", "erg", "hierbij", "immers", "jezelf", "misschien", "mochten",
  "moest", "mogen", "nadien", "ofwel", "tijdens", "waarbij", "waarin",
  "zodat", "zowel",
  NULL
};

static const char * const stopwords_ru[] = {
  "а", "без", "более", "будет", "будут", "бы", "был", "была", "были",
  "было", "быть", "в", "вам", "вас", "ведь", "весь", "во", "вот", "все",
  "всё", "всего", "всем", "всеми", "всех", "всю", "вся", "вы", "где",
  "да", "даже", "для", "до", "его", "ее", "её", "ей", "ему", "если",
  "есть", "еще", "ещё", "же", "за", "здесь", "и", "из", "из-за", "или",
  "им", "именно", "ими", "их", "к", "как", "когда", "которая",
  "которого", "которое", "которой", "котором", "которые", "который",
  "которых", "кроме", "кто", "ли", "либо", "лишь", "между", "мне",
  "может", "можно", "мы", "на", "над", "надо", "нам", "нас", "наш", "не",
  "него", "нее", "неё", "нет", "ни", "ним", "них", "но", "ну", "нужно",
  "о", "об", "однако", "около", "он", "она", "они", "оно", "от", "очень",
  "по", "под", "пока", "после", "потому", "поэтому", "почти", "при",
  "про", "против", "раз", "с", "сам", "сама", "сами", "свои", "свой",
  "своих", "своей", "себе", "себя", "сейчас", "со", "так", "также",
  "такой", "там", "те", "тем", "тех", "то", "того", "тоже", "той",
  "только", "том", "тот", "ту", "тут", "ты", "у", "уж", "уже", "хотя",
  "чего", "чей", "чем", "через", "что", "чтобы", "эта", "эти", "этих",
  "это", "этого", "этой", "этом", "этот", "эту", "я", "будто", "вдруг",
  "впрочем", "всегда", "зачем", "куда", "никогда", "ничего", "опять",
  "перед", "потом", "разве", "сказал", "совсем", "теперь", "тогда",
  "чтоб", "этим",
  NULL
};

static const char * const stopwords_pl[] = {
  "a", "aby", "ale", "albo", "ani", "aż", "bardzo", "bez", "bo", "bowiem",
  "by", "być", "był", "była", "byli", "było", "były", "będzie", "będą",
  "co", "coś", "czy", "czyli", "dla", "do", "gdy", "gdyby", "gdyż",
  "gdzie", "go", "i", "ich", "im", "iż", "ja", "jak", "jako", "je",
  "jednak", "jego", "jej", "jest", "jestem", "jeszcze", "jeśli", "jeżeli",
  "już", "ją", "każdy", "kiedy", "kto", "ktoś", "która", "którą", "które",
  "którego", "której", "który", "których", "którym", "którzy", "ku",
  "lecz", "lub", "ma", "mają", "mi", "mimo", "między", "mnie", "może",
  "mu", "my", "na", "nad", "nam", "nas", "nasz", "nasza", "nasze",
  "natomiast", "nawet", "nic", "nich", "nie", "niego", "niej", "niemu",
  "nikt", "nim", "nią", "niż", "no", "o", "obok", "od", "około", "on",
  "ona", "one", "oni", "ono", "oraz", "po", "pod", "podczas", "ponieważ",
  "potem", "poza", "przed", "przez", "przy", "również", "sam", "sama",
  "samo", "się", "sobie", "sobą", "swoje", "swój", "swoją", "swojego",
  "są", "ta", "tak", "taka", "taki", "takie", "także", "tam", "te",
  "tego", "tej", "ten", "teraz", "też", "to", "tu", "tych", "tylko",
  "tym", "tymi", "tą", "tę", "u", "w", "we", "wiele", "więc", "wszystkie",
  "wszystko", "wtedy", "wśród", "z", "za", "zanim", "zawsze", "zaś",
  "ze", "został", "została", "zostało", "zostały", "zostali", "że",
  "żeby", "bym", "byś", "dlaczego", "dlatego", "jakie", "jaki", "jednym",
  "niech", "owszem", "przecież", "skąd", "wobec", "wraz",
  NULL
};

static const char * const stopwords_uk[] = {
  "а", "або", "адже", "аж", "але", "б", "би", "без", "бо", "був", "буде",
  "будуть", "була", "були", "було", "бути", "в", "вам", "вас", "ваш",
  "ваші", "весь", "вже", "ви", "від", "він", "вона", "вони", "воно",
  "все", "всі", "всього", "вся", "всю", "де", "для", "до", "дуже", "є",
  "ж", "же", "з", "за", "зараз", "зі", "і", "із", "інший", "інші",
  "інших", "її", "їй", "їм", "їх", "й", "його", "кожен", "кожна", "коли",
  "крім", "куди", "лише", "між", "мене", "мені", "ми", "мій", "може",
  "можна", "мої", "моя", "на", "навіть", "над", "нам", "нас", "наш",
  "наша", "наші", "не", "неї", "нею", "ні", "ніж", "ним", "них", "нього",
  "ну", "о", "ось", "отже", "по", "під", "після", "поки", "при", "про",
  "проте", "разом", "саме", "свій", "своє", "своєї", "свої", "своїм",
  "своїх", "свою", "себе", "собі", "та", "так", "також", "там", "те",
  "теж", "тепер", "ти", "тим", "тих", "тієї", "тільки", "тобі", "тобто",
  "того", "тоді", "той", "тому", "ту", "тут", "у", "уже", "усе", "усі",
  "хоча", "хто", "це", "цей", "ці", "цієї", "цим", "цих", "цій", "цю",
  "цього", "цьому", "чи", "чого", "чому", "ще", "що", "щоб", "щодо", "як",
  "яка", "яке", "які", "якого", "якої", "яким", "яких", "який", "якій",
  "якщо", "яку", "я", "звідки", "зокрема", "мабуть",
  "нічого", "ніколи", "оце", "перед", "потім", "проти", "серед",
  "через", "чим",
  NULL
};

static const char * const stopwords_tr[] = {
  "acaba", "ama", "ancak", "arasında", "artık", "aslında", "ayrıca", "az",
  "bana", "başka", "bazı", "belki", "ben", "beni", "benim", "beri", "bile",
  "bir", "biri", "birkaç", "biz", "bize", "bizi", "bizim", "böyle", "bu",
  "buna", "bunda", "bundan", "bunlar", "bunları", "bunların", "bunu",
  "bunun", "burada", "çok", "çünkü", "da", "daha", "de", "defa", "değil",
  "diğer", "diye", "dolayı", "eden", "ederek", "en", "etti", "ettiği",
  "fakat", "gibi", "göre", "hala", "hâlâ", "hem", "henüz", "hep", "hepsi",
  "her", "herkes", "hiç", "hiçbir", "için", "içinde", "ile", "ilgili",
  "ise", "işte", "itibaren", "kadar", "karşı", "kendi", "kendisi", "kez",
  "ki", "kim", "kimse", "mı", "mi", "mu", "mü", "nasıl", "ne", "neden",
  "nedeniyle", "nerede", "nereye", "niçin", "niye", "o", "olan", "olarak",
  "oldu", "olduğu", "olduğunu", "olmak", "olması", "olmayan", "olur",
  "ona", "onda", "ondan", "onlar", "onları", "onların", "onu", "onun",
  "orada", "oysa", "öyle", "önce", "rağmen", "sadece", "sana", "sanki",
  "sen", "senin", "siz", "size", "sizi", "sizin", "son", "sonra",
  "sırasında", "şey", "şimdi", "şöyle", "şu", "şuna", "şunu",
  "tarafından", "tüm", "üzere", "üzerinde", "var", "vardı", "ve", "veya",
  "ya", "yalnız", "yani", "yapılan", "yerine", "yine", "yok", "yoksa",
  "zaten", "bunlara", "dahi", "edildi", "etmek", "eğer",
  "gerek", "halde", "kendine", "olacak", "olup",
  "tabii", "yaptı",
  NULL
};

static const char * const stopwords_sv[] = {
  "alla", "allt", "alltid", "alltså", "att", "av", "bara", "bland",
  "blev", "bli", "blir", "blivit", "båda", "både", "de", "dem", "den",
  "denna", "deras", "dess", "dessa", "dessutom", "det", "detta", "dig",
  "din", "dina", "ditt", "dock", "du", "där", "då", "efter", "eftersom",
  "ej", "eller", "emellertid", "en", "enligt", "er", "era", "ert", "ett",
  "fast", "fick", "finns", "flera", "fortfarande", "från", "får", "för",
  "genom", "ha", "hade", "han", "hans", "har", "hela", "henne", "hennes",
  "hon", "honom", "hos", "hur", "här", "i", "icke", "ingen", "ingenting",
  "innan", "inom", "inte", "jag", "ju", "kan", "kanske", "kommer",
  "kunde", "man", "med", "mellan", "men", "mer", "mest", "mig", "min",
  "mina", "mitt", "mot", "mycket", "många", "ni", "nog", "nu", "när",
  "någon", "något", "några", "och", "också", "ofta", "om", "oss", "på",
  "redan", "sa", "sade", "samma", "sedan", "sig", "sin", "sina", "sitt",
  "själv", "själva", "ska", "skulle", "snart", "som", "så", "sådan",
  "sådana", "till", "tidigare", "trots", "under", "upp", "ut", "utan",
  "vad", "var", "vara", "varför", "varit", "varje", "vars", "vem", "vi",
  "vid", "vilka", "vilken", "vilket", "vill", "ville", "vår", "våra",
  "vårt", "än", "ännu", "är", "åt", "även", "över", "aldrig", "annars",
  "eget", "egna", "ens", "hit", "inga", "nästan",
  "sådant", "vilkas",
  NULL
};

/* In the order of nf_text_get_languages (). */
static const char * const * const stopword_lists[NF_TEXT_N_LANGUAGES] = {
  stopwords_en, stopwords_de, stopwords_fr, stopwords_es,
  stopwords_it, stopwords_pt, stopwords_nl, stopwords_ru,
  stopwords_pl, stopwords_uk, stopwords_tr, stopwords_sv,
};

/* Every stopword of every language, mapped to the mask of the languages
 * that have it: one lookup answers for all twelve. */
static GHashTable *
build_stopword_table (void)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  int i;

  for (i = 0; i < NF_TEXT_N_LANGUAGES; i++)
    {
      const char * const *word;

      for (word = stopword_lists[i]; *word != NULL; word++)
        {
          guint32 mask = GPOINTER_TO_UINT (g_hash_table_lookup (table, *word));

          g_hash_table_insert (table, (gpointer) *word,
                               GUINT_TO_POINTER (mask | (1u << i)));
        }
    }

  return table;
}

/* The table of build_stopword_table(), built once, by whichever thread
 * asks first. */
static GHashTable *
get_stopword_table (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, build_stopword_table ());

  return table;
}

guint32
_nf_text_stopword_mask (const char *folded)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (get_stopword_table (), folded));
}

gsize
_nf_text_fold_word (const char *word,
                    gsize       length,
                    char       *buffer,
                    gsize       buffer_size)
{
  const char *p = word, *end = word + length;
  gsize out = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (out + 2 > buffer_size)
            return 0;
          buffer[out++] = g_ascii_tolower (*p++);
          continue;
        }

      p += _nf_text_decode_char (p, &c);
      if (c == 0x2019 || c == 0x02bc)
        c = '\'';
      else
        c = g_unichar_tolower (c);

      if (out + 7 > buffer_size)
        return 0;
      out += g_unichar_to_utf8 (c, buffer + out);
    }

  buffer[out] = '\0';
  return out;
}

/**
 * nf_text_get_stopwords:
 * @language: an ISO 639-1 language code, such as "en" or "pt-BR"
 *
 * Gets the stopwords of a language: its function words (articles,
 * pronouns, prepositions, conjunctions, auxiliary verbs and the commonest
 * adverbs), lower-case, in Unicode NFC.  The elisions of French and
 * Italian are listed with their apostrophe ("l'", "dell'"), as
 * [func@Nf.text_tokenize] cuts them.  There is a list for each language of
 * [func@Nf.text_get_languages].
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the
 *   stopwords, or %NULL when there is no list for @language
 */
const char * const *
nf_text_get_stopwords (const char *language)
{
  int index;

  g_return_val_if_fail (language != NULL, NULL);

  index = _nf_text_language_index (language);
  if (index < 0)
    return NULL;

  return stopword_lists[index];
}

/**
 * nf_text_is_stopword:
 * @language: an ISO 639-1 language code, such as "en" or "pt-BR"
 * @word: a word, in any case
 *
 * Tells whether @word is one of the stopwords of @language (see
 * [func@Nf.text_get_stopwords]), whatever its case: "The" is an English
 * stopword.  ’ counts as an apostrophe.  Fast (one hash lookup, no
 * allocation for a word in NFC) and safe to call from any thread.
 *
 * Returns: %TRUE if @word is a stopword of @language; %FALSE if it is not,
 *   or if there is no list for @language
 */
gboolean
nf_text_is_stopword (const char *language,
                     const char *word)
{
  g_autofree char *composed = NULL;
  char folded[64];
  int index;

  g_return_val_if_fail (language != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  index = _nf_text_language_index (language);
  if (index < 0)
    return FALSE;

  if (_nf_text_has_combining_marks (word))
    {
      composed = g_utf8_normalize (word, -1, G_NORMALIZE_DEFAULT_COMPOSE);
      if (composed == NULL)
        return FALSE;
      word = composed;
    }

  if (_nf_text_fold_word (word, strlen (word), folded, sizeof folded) == 0)
    return FALSE;

  return (_nf_text_stopword_mask (folded) & (1u << index)) != 0;
}
