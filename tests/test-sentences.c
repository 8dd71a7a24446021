/* test-sentences.c: sentence splitting of news text in twelve languages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every sentence here was written for this test.  Where a case could be
 * read two ways, the expected sentences are what a news editor would
 * mark, and a comment says why.
 */
#include <string.h>

#include <newsfilter.h>

#define MAX_SENTENCES 8

typedef struct
{
  const char *language;    /* NULL: unknown */
  const char *text;
  const char *expected[MAX_SENTENCES + 1];
} SentenceCase;

static const SentenceCase cases[] = {
  /* ---------------------------------------------------------------- en */
  { "en", "Mr. Smith went to Washington. He met Sen. Jones there.",
    { "Mr. Smith went to Washington.", "He met Sen. Jones there." } },
  { "en", "The U.S. economy grew. The U.K. economy shrank.",
    { "The U.S. economy grew.", "The U.K. economy shrank." } },
  /* "U.S." closes the sentence: "The" opens the next */
  { "en", "The talks were held in the U.S. The next round is in Geneva.",
    { "The talks were held in the U.S.", "The next round is in Geneva." } },
  { "en", "Gen. Mark Milley and Lt. Col. Ann Brown arrived at 9 a.m. Tuesday. They left at 5 p.m. The base was closed.",
    { "Gen. Mark Milley and Lt. Col. Ann Brown arrived at 9 a.m. Tuesday.",
      "They left at 5 p.m.", "The base was closed." } },
  { "en", "Shares rose 3.5 per cent to $1.2bn. Analysts were surprised.",
    { "Shares rose 3.5 per cent to $1.2bn.", "Analysts were surprised." } },
  { "en", "The deal, signed on Sept. 12, was worth 1,250.5 million dollars. It closed on Oct. 3.",
    { "The deal, signed on Sept. 12, was worth 1,250.5 million dollars.", "It closed on Oct. 3." } },
  { "en", "George W. Bush met John F. Kennedy Jr. at the event. It was a dream.",
    { "George W. Bush met John F. Kennedy Jr. at the event.", "It was a dream." } },
  { "en", "J. R. R. Tolkien wrote the book in 1937. Readers loved it.",
    { "J. R. R. Tolkien wrote the book in 1937.", "Readers loved it." } },
  { "en", "“We will win,” she said. “The vote is ours.”",
    { "“We will win,” she said.", "“The vote is ours.”" } },
  { "en", "“Is this the end?” he asked. Nobody answered.",
    { "“Is this the end?” he asked.", "Nobody answered." } },
  { "en", "Shares fell. (The company declined to comment.) Trading resumed on Monday.",
    { "Shares fell.", "(The company declined to comment.)", "Trading resumed on Monday." } },
  { "en", "Well... maybe not. We will see.",
    { "Well... maybe not.", "We will see." } },
  { "en", "The results were... disappointing. The board met on Friday… It resigned.",
    { "The results were... disappointing.", "The board met on Friday…", "It resigned." } },
  { "en", "Storm hits coast\nLONDON (Reuters) - A storm hit the coast on Monday. Thousands lost power.",
    { "Storm hits coast", "LONDON (Reuters) - A storm hit the coast on Monday.", "Thousands lost power." } },
  { "en", "Key points:\n• Prices rose 2%\n• Wages fell\n- Jobs grew by 1.5 million",
    { "Key points:", "Prices rose 2%", "Wages fell", "Jobs grew by 1.5 million" } },
  { "en", "Details are at example.org/a.b and www.example.com. Write to news@example.co.uk for more.",
    { "Details are at example.org/a.b and www.example.com.", "Write to news@example.co.uk for more." } },
  { "en", "The file report.pdf was leaked. Version 2.0.1 fixed it.",
    { "The file report.pdf was leaked.", "Version 2.0.1 fixed it." } },
  { "en", "He joined Acme Corp. The firm makes anvils.",
    { "He joined Acme Corp.", "The firm makes anvils." } },
  { "en", "Apple Inc. reported record sales. Its shares rose.",
    { "Apple Inc. reported record sales.", "Its shares rose." } },
  /* a brand written in mixed case opens a sentence after a plain word */
  { "en", "It costs $5. iPhone sales fell.",
    { "It costs $5.", "iPhone sales fell." } },
  { "en", "Why now? Because the vote is today! Really?! Yes.",
    { "Why now?", "Because the vote is today!", "Really?!", "Yes." } },
  { "en", "No. 10 Downing St. is busy. The Prime Minister is out.",
    { "No. 10 Downing St. is busy.", "The Prime Minister is out." } },
  { "en", "The vote was 52 vs. 48 per cent, i.e. a narrow win, e.g. in Ohio.",
    { "The vote was 52 vs. 48 per cent, i.e. a narrow win, e.g. in Ohio." } },
  { "en", "He was born in 1946. In 2020 he retired.",
    { "He was born in 1946.", "In 2020 he retired." } },
  { "en", "He fought in World War II. The war ended in 1945.",
    { "He fought in World War II.", "The war ended in 1945." } },
  /* a single capital is an initial, unless a sentence plainly starts after it */
  { "en", "They chose Plan B. The first plan had failed.",
    { "They chose Plan B.", "The first plan had failed." } },
  { "en", "The U.S. Supreme Court ruled on Monday. Justices voted 6-3.",
    { "The U.S. Supreme Court ruled on Monday.", "Justices voted 6-3." } },
  { "en", "Smith et al. found no link. The study was small.",
    { "Smith et al. found no link.", "The study was small." } },
  { "en", "Prices fell 5%. 12 stores closed.",
    { "Prices fell 5%.", "12 stores closed." } },
  { "en", "Rep. Ocasio-Cortez and Gov. Newsom spoke. Sgt. Lee did not.",
    { "Rep. Ocasio-Cortez and Gov. Newsom spoke.", "Sgt. Lee did not." } },
  { "en", "He said: 'It is over.' Then he left.",
    { "He said: 'It is over.'", "Then he left." } },
  { "en", "The meeting is at 10 a.m. on Jan. 5 in Washington, D.C. The mayor will attend.",
    { "The meeting is at 10 a.m. on Jan. 5 in Washington, D.C.", "The mayor will attend." } },
  { "en", "He said “no.” She said “yes.”",
    { "He said “no.”", "She said “yes.”" } },
  /* "[…]" marks words left out of a quote, not an end */
  { "en", "He said “[…] we will win” and left. It was late.",
    { "He said “[…] we will win” and left.", "It was late." } },
  { "en", "The rate is 0.5. The next one is .25 percent.",
    { "The rate is 0.5.", "The next one is .25 percent." } },
  { "en", "Ms. Ardern met Prof. Chen and Dr. Osei in St. Louis. Talks lasted 3.5 hours.",
    { "Ms. Ardern met Prof. Chen and Dr. Osei in St. Louis.", "Talks lasted 3.5 hours." } },
  { "en", "Barclays plc and Smith & Co. The two firms merged.",
    { "Barclays plc and Smith & Co.", "The two firms merged." } },
  /* questions and answers of an interview */
  { "en", "Q. What happened? A. We lost.",
    { "Q. What happened?", "A. We lost." } },
  { "en", "He earned an M.B.A. from Harvard. They met at 3 p.m. EST on Monday. It was 5 ft. 10 in. tall.",
    { "He earned an M.B.A. from Harvard.", "They met at 3 p.m. EST on Monday.", "It was 5 ft. 10 in. tall." } },
  { "en", "Temperatures hit 40C. Schools closed. Ask Mr. O'Brien. He knows.",
    { "Temperatures hit 40C.", "Schools closed.", "Ask Mr. O'Brien.", "He knows." } },
  { "en", "Oil hit $100.50 a barrel.\n\nMarkets fell sharply",
    { "Oil hit $100.50 a barrel.", "Markets fell sharply" } },

  /* ---------------------------------------------------------------- de */
  { "de", "Das Treffen findet am 3. Oktober in Berlin statt. Die Kanzlerin kommt.",
    { "Das Treffen findet am 3. Oktober in Berlin statt.", "Die Kanzlerin kommt." } },
  { "de", "Der Preis stieg um 1.000.000 Euro. Am 12.03.2026 wird entschieden.",
    { "Der Preis stieg um 1.000.000 Euro.", "Am 12.03.2026 wird entschieden." } },
  { "de", "Ludwig XIV. ließ Versailles bauen. Er regierte lange.",
    { "Ludwig XIV. ließ Versailles bauen.", "Er regierte lange." } },
  { "de", "Er kaufte z.B. Äpfel, Birnen usw. Die Preise stiegen.",
    { "Er kaufte z.B. Äpfel, Birnen usw.", "Die Preise stiegen." } },
  { "de", "Es kamen u.a. Dr. Müller und Prof. Schmidt. Sie sprachen lange.",
    { "Es kamen u.a. Dr. Müller und Prof. Schmidt.", "Sie sprachen lange." } },
  { "de", "Die Firma hat ca. 500 Mitarbeiter, d.h. sie ist mittelgroß. Sie wächst.",
    { "Die Firma hat ca. 500 Mitarbeiter, d.h. sie ist mittelgroß.", "Sie wächst." } },
  { "de", "„Wir schaffen das“, sagte sie. „Das ist klar.“ Danach ging sie.",
    { "„Wir schaffen das“, sagte sie.", "„Das ist klar.“", "Danach ging sie." } },
  { "de", "Er sagte: »Ich komme morgen.« Dann legte er auf.",
    { "Er sagte: »Ich komme morgen.«", "Dann legte er auf." } },
  { "de", "Die Wohnung liegt in der Hauptstr. 5 in Köln. Sie ist teuer.",
    { "Die Wohnung liegt in der Hauptstr. 5 in Köln.", "Sie ist teuer." } },
  { "de", "Der 2. Weltkrieg endete 1945. Danach begann der Wiederaufbau.",
    { "Der 2. Weltkrieg endete 1945.", "Danach begann der Wiederaufbau." } },
  { "de", "Im 19. Jh. wuchs die Stadt stark. Heute leben hier 2 Mio. Menschen.",
    { "Im 19. Jh. wuchs die Stadt stark.", "Heute leben hier 2 Mio. Menschen." } },
  { "de", "Die Bayern gewannen 3:1. Das Spiel war spannend.",
    { "Die Bayern gewannen 3:1.", "Das Spiel war spannend." } },
  { "de", "Vgl. dazu Nr. 7 der Liste. Die Liste ist lang.",
    { "Vgl. dazu Nr. 7 der Liste.", "Die Liste ist lang." } },
  { "de", "Meister wurde der 1. FC Köln. Er steigt auf.",
    { "Meister wurde der 1. FC Köln.", "Er steigt auf." } },
  { "de", "Sie wurde am 1. Januar 1990 geboren, bzw. das steht in den Akten. Genaueres ist unbekannt.",
    { "Sie wurde am 1. Januar 1990 geboren, bzw. das steht in den Akten.", "Genaueres ist unbekannt." } },
  { "de", "Es geht um Art. 5 Abs. 3 GG. Das Gericht entschied.",
    { "Es geht um Art. 5 Abs. 3 GG.", "Das Gericht entschied." } },
  { "de", "Er kam um 14.30 Uhr an... Niemand wartete.",
    { "Er kam um 14.30 Uhr an...", "Niemand wartete." } },
  { "de", "Die Ergebnisse (siehe S. 12) sind gut. Wir feiern.",
    { "Die Ergebnisse (siehe S. 12) sind gut.", "Wir feiern." } },
  /* "z. B." written with a space is one abbreviation */
  { "de", "Man kann z. B. Die Zeit lesen. Oder man liest nichts.",
    { "Man kann z. B. Die Zeit lesen.", "Oder man liest nichts." } },
  { "de", "Er wurde 65. Seine Frau gratulierte.",
    { "Er wurde 65.", "Seine Frau gratulierte." } },
  { "de", "BERLIN\nDie Regierung hat sich geeinigt. A. Merkel lobte das Ergebnis.",
    { "BERLIN", "Die Regierung hat sich geeinigt.", "A. Merkel lobte das Ergebnis." } },
  { "de", "Die Firma XY GmbH & Co. KG hat Insolvenz angemeldet. Es war der 1. Mai.",
    { "Die Firma XY GmbH & Co. KG hat Insolvenz angemeldet.", "Es war der 1. Mai." } },
  { "de", "Sie belegte Platz 2. Die Siegerin jubelte.",
    { "Sie belegte Platz 2.", "Die Siegerin jubelte." } },
  { "de", "Warum jetzt? Weil es eilt! Alles klar.",
    { "Warum jetzt?", "Weil es eilt!", "Alles klar." } },
  { "de", "„Kommst du?“, fragte er. Sie nickte.",
    { "„Kommst du?“, fragte er.", "Sie nickte." } },

  /* ---------------------------------------------------------------- fr */
  { "fr", "M. Dupont est arrivé hier. Mme Martin l'attendait.",
    { "M. Dupont est arrivé hier.", "Mme Martin l'attendait." } },
  /* "M." is "Monsieur": the name goes on even though "Le" opens sentences */
  { "fr", "M. Le Pen a parlé. Elle était en colère.",
    { "M. Le Pen a parlé.", "Elle était en colère." } },
  { "fr", "« Je viendrai demain. » Puis il est parti.",
    { "« Je viendrai demain. »", "Puis il est parti." } },
  { "fr", "« Tu viens ? » demanda-t-il. Elle ne répondit pas.",
    { "« Tu viens ? » demanda-t-il.", "Elle ne répondit pas." } },
  { "fr", "Il a acheté des pommes, des poires, etc. Le marché était plein.",
    { "Il a acheté des pommes, des poires, etc.", "Le marché était plein." } },
  { "fr", "La croissance a atteint 1,5 %. C'est peu.",
    { "La croissance a atteint 1,5 %.", "C'est peu." } },
  { "fr", "Vraiment ? Oui ! C'est incroyable… Et pourtant.",
    { "Vraiment ?", "Oui !", "C'est incroyable…", "Et pourtant." } },
  { "fr", "Il est né en 52 av. J.-C. à Rome. Il est mort jeune.",
    { "Il est né en 52 av. J.-C. à Rome.", "Il est mort jeune." } },
  { "fr", "Mlle Durand et Mme Petit, p. ex., sont venues. Elles sont reparties.",
    { "Mlle Durand et Mme Petit, p. ex., sont venues.", "Elles sont reparties." } },
  { "fr", "Le prix est de 1 000 000 €. Le gouvernement a réagi.",
    { "Le prix est de 1 000 000 €.", "Le gouvernement a réagi." } },
  { "fr", "Le Dr Martin et le Pr. Durand ont signé. Le texte sera publié.",
    { "Le Dr Martin et le Pr. Durand ont signé.", "Le texte sera publié." } },
  { "fr", "PARIS (AFP) - Le gouvernement a démissionné\nLe président a accepté.",
    { "PARIS (AFP) - Le gouvernement a démissionné", "Le président a accepté." } },
  { "fr", "Il l'a dit au Monde. L'affaire est close.",
    { "Il l'a dit au Monde.", "L'affaire est close." } },
  { "fr", "Le 1er janvier 2026, la loi entre en vigueur. Elle concerne 2,3 millions de personnes.",
    { "Le 1er janvier 2026, la loi entre en vigueur.", "Elle concerne 2,3 millions de personnes." } },
  { "fr", "Voir le site www.exemple.fr. Il est à jour.",
    { "Voir le site www.exemple.fr.", "Il est à jour." } },
  { "fr", "Il est 20 h. Le journal commence.",
    { "Il est 20 h.", "Le journal commence." } },
  { "fr", "MM. Durand et Petit ont voté contre, cf. le compte rendu. Le projet passe.",
    { "MM. Durand et Petit ont voté contre, cf. le compte rendu.", "Le projet passe." } },

  /* ---------------------------------------------------------------- es */
  { "es", "El Sr. García llegó ayer. La Sra. López no.",
    { "El Sr. García llegó ayer.", "La Sra. López no." } },
  { "es", "¿Qué pasó? ¡Nadie lo sabe! Todo sigue igual.",
    { "¿Qué pasó?", "¡Nadie lo sabe!", "Todo sigue igual." } },
  { "es", "Dña. Ana y el Dr. Ruiz hablaron con EE.UU. sobre el acuerdo. El pacto es firme.",
    { "Dña. Ana y el Dr. Ruiz hablaron con EE.UU. sobre el acuerdo.", "El pacto es firme." } },
  { "es", "La delegación viajó a EE.UU. El viaje duró tres días.",
    { "La delegación viajó a EE.UU.", "El viaje duró tres días." } },
  { "es", "El PIB creció un 2,5 %. La inflación bajó al 3,1 %.",
    { "El PIB creció un 2,5 %.", "La inflación bajó al 3,1 %." } },
  { "es", "Visitó Madrid, Sevilla, etc. Luego volvió a casa.",
    { "Visitó Madrid, Sevilla, etc.", "Luego volvió a casa." } },
  { "es", "«Es una victoria», dijo el presidente. «Vamos a seguir».",
    { "«Es una victoria», dijo el presidente.", "«Vamos a seguir»." } },
  { "es", "El art. 14 de la Constitución lo prohíbe. Así lo dijo el juez.",
    { "El art. 14 de la Constitución lo prohíbe.", "Así lo dijo el juez." } },
  { "es", "Nació en el año 44 a.C. en Roma. Murió joven.",
    { "Nació en el año 44 a.C. en Roma.", "Murió joven." } },
  { "es", "El Real Madrid ganó 2-1... Y el Barça perdió.",
    { "El Real Madrid ganó 2-1...", "Y el Barça perdió." } },
  { "es", "Según el Lic. Pérez, la empresa (S.A.) cotiza en bolsa. No hay más datos.",
    { "Según el Lic. Pérez, la empresa (S.A.) cotiza en bolsa.", "No hay más datos." } },
  { "es", "Dijo que no. Luego se fue.",
    { "Dijo que no.", "Luego se fue." } },
  /* the narrator's words after a dash belong to the line of dialogue */
  { "es", "—¿Vienes? —preguntó ella. —Sí.",
    { "—¿Vienes? —preguntó ella.", "—Sí." } },
  { "es", "La Srta. Gómez vive en la Avda. de la Paz. Trabaja en Cía. Telefónica.",
    { "La Srta. Gómez vive en la Avda. de la Paz.", "Trabaja en Cía. Telefónica." } },

  /* ---------------------------------------------------------------- it */
  { "it", "Il Sig. Rossi è arrivato. La Sig.ra Bianchi no.",
    { "Il Sig. Rossi è arrivato.", "La Sig.ra Bianchi no." } },
  { "it", "Il dott. Verdi ha parlato con l'avv. Neri. Poi sono usciti.",
    { "Il dott. Verdi ha parlato con l'avv. Neri.", "Poi sono usciti." } },
  { "it", "La Fiat S.p.A. ha chiuso in rialzo. Le azioni sono salite del 3,2%.",
    { "La Fiat S.p.A. ha chiuso in rialzo.", "Le azioni sono salite del 3,2%." } },
  { "it", "Ha comprato mele, pere ecc. Poi è tornato a casa.",
    { "Ha comprato mele, pere ecc.", "Poi è tornato a casa." } },
  { "it", "«Non ci sto», ha detto. «È una vergogna.» Poi se n'è andato.",
    { "«Non ci sto», ha detto.", "«È una vergogna.»", "Poi se n'è andato." } },
  { "it", "Il decreto (art. 3) è in vigore. Si applica dal 1° gennaio.",
    { "Il decreto (art. 3) è in vigore.", "Si applica dal 1° gennaio." } },
  /* "sec." takes a name after it: the sentence goes on */
  { "it", "Nel XV sec. Firenze era ricca. Oggi è turistica.",
    { "Nel XV sec. Firenze era ricca.", "Oggi è turistica." } },
  { "it", "Lo ha detto il gen. Figliuolo. Domani si decide.",
    { "Lo ha detto il gen. Figliuolo.", "Domani si decide." } },
  { "it", "La riunione è alle ore 15. Il sindaco sarà presente.",
    { "La riunione è alle ore 15.", "Il sindaco sarà presente." } },
  { "it", "L'on. Meloni ha parlato alla Camera. La seduta è stata sospesa.",
    { "L'on. Meloni ha parlato alla Camera.", "La seduta è stata sospesa." } },
  { "it", "Il tasso è salito al 2,5%. Gli analisti sono sorpresi.",
    { "Il tasso è salito al 2,5%.", "Gli analisti sono sorpresi." } },
  { "it", "Chi ha vinto? Nessuno lo sa... ancora. Domani si saprà.",
    { "Chi ha vinto?", "Nessuno lo sa... ancora.", "Domani si saprà." } },

  /* ---------------------------------------------------------------- pt */
  { "pt", "O Sr. Silva chegou ontem. A Dra. Souza não veio.",
    { "O Sr. Silva chegou ontem.", "A Dra. Souza não veio." } },
  { "pt", "O PIB cresceu 1,2%. O governo comemorou.",
    { "O PIB cresceu 1,2%.", "O governo comemorou." } },
  { "pt", "A Petrobras S.A. anunciou lucro. Os acionistas aplaudiram.",
    { "A Petrobras S.A. anunciou lucro.", "Os acionistas aplaudiram." } },
  { "pt", "Ele disse: «Vou ficar.» Depois saiu.",
    { "Ele disse: «Vou ficar.»", "Depois saiu." } },
  { "pt", "Comprou maçãs, peras, etc. Depois foi embora.",
    { "Comprou maçãs, peras, etc.", "Depois foi embora." } },
  { "pt", "O art. 5º da Constituição garante isso. Não há dúvida.",
    { "O art. 5º da Constituição garante isso.", "Não há dúvida." } },
  { "pt", "— Você vem? — perguntou ela. — Sim.",
    { "— Você vem? — perguntou ela.", "— Sim." } },
  { "pt", "A Profa. Lima e o Eng. Costa assinaram. O contrato vale 2 mil milhões de euros.",
    { "A Profa. Lima e o Eng. Costa assinaram.", "O contrato vale 2 mil milhões de euros." } },
  { "pt", "A reunião foi em 12.03.2026, em Lisboa. Os resultados saem amanhã.",
    { "A reunião foi em 12.03.2026, em Lisboa.", "Os resultados saem amanhã." } },
  { "pt", "Ela perguntou: «Quem és tu?» Ninguém respondeu.",
    { "Ela perguntou: «Quem és tu?»", "Ninguém respondeu." } },
  { "pt", "O custo foi de R$ 1,5 bilhão. O governo negou.",
    { "O custo foi de R$ 1,5 bilhão.", "O governo negou." } },

  /* ---------------------------------------------------------------- nl */
  { "nl", "Dhr. Jansen en mevr. De Vries waren aanwezig. Zij stemden tegen.",
    { "Dhr. Jansen en mevr. De Vries waren aanwezig.", "Zij stemden tegen." } },
  { "nl", "Er waren o.a. appels, peren enz. De markt was druk.",
    { "Er waren o.a. appels, peren enz.", "De markt was druk." } },
  { "nl", "Hij noemde bijv. Amsterdam en Rotterdam. Die steden groeien.",
    { "Hij noemde bijv. Amsterdam en Rotterdam.", "Die steden groeien." } },
  { "nl", "De prijs steeg met 2,5 procent. Het kabinet reageerde.",
    { "De prijs steeg met 2,5 procent.", "Het kabinet reageerde." } },
  { "nl", "‘Ik kom morgen,’ zei hij. ‘Dat beloof ik.’ Toen ging hij.",
    { "‘Ik kom morgen,’ zei hij.", "‘Dat beloof ik.’", "Toen ging hij." } },
  { "nl", "Prof. dr. Van Dijk sprak. Het publiek luisterde.",
    { "Prof. dr. Van Dijk sprak.", "Het publiek luisterde." } },
  { "nl", "Het gaat om ca. 300 banen, d.w.z. een kwart. Dat is veel.",
    { "Het gaat om ca. 300 banen, d.w.z. een kwart.", "Dat is veel." } },
  { "nl", "Zie blz. 12 van het rapport. Daar staat alles.",
    { "Zie blz. 12 van het rapport.", "Daar staat alles." } },
  { "nl", "Het ging om Philips N.V. en Shell. Beide bedrijven groeiden.",
    { "Het ging om Philips N.V. en Shell.", "Beide bedrijven groeiden." } },
  { "nl", "Wat nu? Niemand weet het! Het kabinet zwijgt.",
    { "Wat nu?", "Niemand weet het!", "Het kabinet zwijgt." } },
  { "nl", "Mr. Van der Berg, i.p.v. de notaris, tekende. Het huis is verkocht.",
    { "Mr. Van der Berg, i.p.v. de notaris, tekende.", "Het huis is verkocht." } },

  /* ---------------------------------------------------------------- ru */
  { "ru", "В. В. Путин прибыл в Москву. Он провёл встречу.",
    { "В. В. Путин прибыл в Москву.", "Он провёл встречу." } },
  { "ru", "Это было в 1999 г. В Москве шёл снег.",
    { "Это было в 1999 г.", "В Москве шёл снег." } },
  { "ru", "Он живёт в г. Казани на ул. Баумана. Там тихо.",
    { "Он живёт в г. Казани на ул. Баумана.", "Там тихо." } },
  { "ru", "Были яблоки, груши и т.д. Все было свежим.",
    { "Были яблоки, груши и т.д.", "Все было свежим." } },
  { "ru", "Т.е. он согласился. Это хорошо.",
    { "Т.е. он согласился.", "Это хорошо." } },
  { "ru", "«Мы победим», — сказал он. «Это точно.» Потом он ушёл.",
    { "«Мы победим», — сказал он.", "«Это точно.»", "Потом он ушёл." } },
  { "ru", "Цена выросла на 3,5%. Рынок отреагировал.",
    { "Цена выросла на 3,5%.", "Рынок отреагировал." } },
  { "ru", "Университет им. Ломоносова основан в XVIII в. Это старейший вуз.",
    { "Университет им. Ломоносова основан в XVIII в.", "Это старейший вуз." } },
  { "ru", "А. С. Пушкин родился в 1799 г. в Москве. Он великий поэт.",
    { "А. С. Пушкин родился в 1799 г. в Москве.", "Он великий поэт." } },
  { "ru", "Встреча прошла 12.03.2026 в Москве. Итоги подведут позже.",
    { "Встреча прошла 12.03.2026 в Москве.", "Итоги подведут позже." } },
  { "ru", "— Ты придёшь? — спросил он. — Да.",
    { "— Ты придёшь? — спросил он.", "— Да." } },
  { "ru", "Доход составил 5 млн руб. Прибыль упала.",
    { "Доход составил 5 млн руб.", "Прибыль упала." } },
  { "ru", "Население — ок. 12 млн человек. Это много.",
    { "Население — ок. 12 млн человек.", "Это много." } },
  { "ru", "Он сказал: «Нет». Все замолчали. См. рис. 5 в конце.",
    { "Он сказал: «Нет».", "Все замолчали.", "См. рис. 5 в конце." } },
  { "ru", "Что случилось? Никто не знает! Следствие идёт…",
    { "Что случилось?", "Никто не знает!", "Следствие идёт…" } },

  /* ---------------------------------------------------------------- uk */
  { "uk", "Т. Г. Шевченко народився у 1814 р. Він був поетом.",
    { "Т. Г. Шевченко народився у 1814 р.", "Він був поетом." } },
  { "uk", "Він живе на вул. Хрещатик у м. Києві. Там гарно.",
    { "Він живе на вул. Хрещатик у м. Києві.", "Там гарно." } },
  { "uk", "Ціни зросли на 2,5%. Уряд відреагував.",
    { "Ціни зросли на 2,5%.", "Уряд відреагував." } },
  { "uk", "Були яблука, груші і т.д. Усе було свіже.",
    { "Були яблука, груші і т.д.", "Усе було свіже." } },
  { "uk", "«Ми переможемо», — сказав він. «Це точно.» Потім він пішов.",
    { "«Ми переможемо», — сказав він.", "«Це точно.»", "Потім він пішов." } },
  { "uk", "Університет ім. Шевченка відкрили у XIX ст. Це найстаріший виш.",
    { "Університет ім. Шевченка відкрили у XIX ст.", "Це найстаріший виш." } },
  { "uk", "Зустріч відбулася 12.03.2026 у Києві. Підсумки підбили пізніше.",
    { "Зустріч відбулася 12.03.2026 у Києві.", "Підсумки підбили пізніше." } },
  { "uk", "Бюджет становить 5 млрд грн. Дефіцит зріс.",
    { "Бюджет становить 5 млрд грн.", "Дефіцит зріс." } },
  { "uk", "КИЇВ\nУряд ухвалив рішення. В. Зеленський його підписав.",
    { "КИЇВ", "Уряд ухвалив рішення.", "В. Зеленський його підписав." } },
  { "uk", "Хто переміг? Ніхто не знає! Чекаємо.",
    { "Хто переміг?", "Ніхто не знає!", "Чекаємо." } },

  /* ---------------------------------------------------------------- pl */
  { "pl", "Spotkanie odbyło się m.in. w Warszawie. Wzięło w nim udział 50 osób.",
    { "Spotkanie odbyło się m.in. w Warszawie.", "Wzięło w nim udział 50 osób." } },
  { "pl", "Prezydent spotkał się z tzw. ekspertami, np. z dr. Kowalskim. Rozmowa trwała godzinę.",
    { "Prezydent spotkał się z tzw. ekspertami, np. z dr. Kowalskim.", "Rozmowa trwała godzinę." } },
  { "pl", "Stało się to w 2020 r. W kolejnym roku było gorzej.",
    { "Stało się to w 2020 r.", "W kolejnym roku było gorzej." } },
  { "pl", "Mieszka przy ul. Długiej 5. Jest tam cicho.",
    { "Mieszka przy ul. Długiej 5.", "Jest tam cicho." } },
  { "pl", "Koszt wyniósł 5 mln zł. Rząd to potwierdził.",
    { "Koszt wyniósł 5 mln zł.", "Rząd to potwierdził." } },
  { "pl", "„Nie zgadzam się” – powiedział. „To skandal.” Potem wyszedł.",
    { "„Nie zgadzam się” – powiedział.", "„To skandal.”", "Potem wyszedł." } },
  { "pl", "Jan Kowalski, prof. UW, skomentował to. Inni milczeli.",
    { "Jan Kowalski, prof. UW, skomentował to.", "Inni milczeli." } },
  { "pl", "Było to w XX w. Wtedy wszystko się zmieniło.",
    { "Było to w XX w.", "Wtedy wszystko się zmieniło." } },
  { "pl", "Ceny wzrosły o 3,5 proc. Inflacja spada.",
    { "Ceny wzrosły o 3,5 proc.", "Inflacja spada." } },
  { "pl", "Ceny wzrosły o 3,5 proc. w skali roku. To dużo.",
    { "Ceny wzrosły o 3,5 proc. w skali roku.", "To dużo." } },
  { "pl", "Kto wygrał? Nie wiadomo! Liczenie trwa.",
    { "Kto wygrał?", "Nie wiadomo!", "Liczenie trwa." } },
  { "pl", "Ks. Nowak i płk. Wiśniewski przyszli o godz. 12. Uroczystość się zaczęła.",
    { "Ks. Nowak i płk. Wiśniewski przyszli o godz. 12.", "Uroczystość się zaczęła." } },

  /* ---------------------------------------------------------------- tr */
  { "tr", "Prof. Dr. Ahmet Yılmaz konuştu. Salon doluydu.",
    { "Prof. Dr. Ahmet Yılmaz konuştu.", "Salon doluydu." } },
  { "tr", "Toplantı 3. kez ertelendi. Yeni tarih belli değil.",
    { "Toplantı 3. kez ertelendi.", "Yeni tarih belli değil." } },
  { "tr", "1. Dünya Savaşı 1918'de bitti. Bu savaş çok uzun sürdü.",
    { "1. Dünya Savaşı 1918'de bitti.", "Bu savaş çok uzun sürdü." } },
  { "tr", "Elma, armut vb. meyveler satıldı. Fiyatlar yükseldi.",
    { "Elma, armut vb. meyveler satıldı.", "Fiyatlar yükseldi." } },
  { "tr", "Doç. Dr. Ayşe Kaya ve Av. Mehmet Demir açıklama yaptı. Dava ertelendi.",
    { "Doç. Dr. Ayşe Kaya ve Av. Mehmet Demir açıklama yaptı.", "Dava ertelendi." } },
  { "tr", "Enflasyon yüzde 3,5 arttı. Merkez Bankası faizi değiştirmedi.",
    { "Enflasyon yüzde 3,5 arttı.", "Merkez Bankası faizi değiştirmedi." } },
  { "tr", "“Bunu kabul etmiyoruz.” dedi. Sonra salondan çıktı.",
    { "“Bunu kabul etmiyoruz.” dedi.", "Sonra salondan çıktı." } },
  { "tr", "İstanbul'da 15. yüzyılda yapılan cami restore edildi. İşler 2 yıl sürdü.",
    { "İstanbul'da 15. yüzyılda yapılan cami restore edildi.", "İşler 2 yıl sürdü." } },
  { "tr", "Ne oldu? Kimse bilmiyor! Soruşturma sürüyor.",
    { "Ne oldu?", "Kimse bilmiyor!", "Soruşturma sürüyor." } },
  { "tr", "Şirketin adı ABC Ltd. Şti. olarak değişti. Karar oy birliğiyle alındı.",
    { "Şirketin adı ABC Ltd. Şti. olarak değişti.", "Karar oy birliğiyle alındı." } },
  { "tr", "ANKARA\nMeclis yasayı kabul etti. Bu karar tartışma yarattı.",
    { "ANKARA", "Meclis yasayı kabul etti.", "Bu karar tartışma yarattı." } },

  /* ---------------------------------------------------------------- sv */
  { "sv", "Han köpte t.ex. äpplen och päron. Det var billigt.",
    { "Han köpte t.ex. äpplen och päron.", "Det var billigt." } },
  { "sv", "Regeringen har bl.a. sänkt skatten. Oppositionen protesterade.",
    { "Regeringen har bl.a. sänkt skatten.", "Oppositionen protesterade." } },
  { "sv", "Det kostar ca 500 kr. Priset har stigit.",
    { "Det kostar ca 500 kr.", "Priset har stigit." } },
  { "sv", "»Vi ska vinna», sa hon. »Det är klart.» Sedan gick hon.",
    { "»Vi ska vinna», sa hon.", "»Det är klart.»", "Sedan gick hon." } },
  { "sv", "– Kommer du? frågade han. – Ja, svarade hon.",
    { "– Kommer du? frågade han.", "– Ja, svarade hon." } },
  { "sv", "Mötet börjar kl. 14 i Stockholm. Alla är välkomna.",
    { "Mötet börjar kl. 14 i Stockholm.", "Alla är välkomna." } },
  { "sv", "Han är s.k. expert på området, dvs. han vet mycket. Det hjälper.",
    { "Han är s.k. expert på området, dvs. han vet mycket.", "Det hjälper." } },
  { "sv", "Staden grundades år 1200 e.Kr. Den växte snabbt.",
    { "Staden grundades år 1200 e.Kr.", "Den växte snabbt." } },
  { "sv", "Räntan höjs till 2,5 procent. Riksbanken meddelade detta på tisdagen.",
    { "Räntan höjs till 2,5 procent.", "Riksbanken meddelade detta på tisdagen." } },
  { "sv", "Butiken säljer äpplen, päron m.m. Den har öppet sent.",
    { "Butiken säljer äpplen, päron m.m.", "Den har öppet sent." } },
  { "sv", "Vem vann? Ingen vet! Rösterna räknas.",
    { "Vem vann?", "Ingen vet!", "Rösterna räknas." } },

  /* ------------------------------------------------ unknown language */
  { NULL, "Dr. Müller kam am 3. Oktober. Er blieb.",
    { "Dr. Müller kam am 3. Oktober.", "Er blieb." } },
  { NULL, "The U.S. Army left. Troops went home.",
    { "The U.S. Army left.", "Troops went home." } },
  { NULL, "今天天气很好。我们去公园吧！你来吗？好的。",
    { "今天天气很好。", "我们去公园吧！", "你来吗？", "好的。" } },
  { NULL, "東京は晴れです。明日は雨でしょう。",
    { "東京は晴れです。", "明日は雨でしょう。" } },
  { NULL, "他说：“我明天来。”然后走了。",
    { "他说：“我明天来。”", "然后走了。" } },
  { NULL, "我爱北京!你呢?",
    { "我爱北京!", "你呢?" } },
  { NULL, "هل أنت بخير؟ نعم، شكرا.",
    { "هل أنت بخير؟", "نعم، شكرا." } },
  { NULL, "मैं घर जा रहा हूँ। तुम कहाँ हो?",
    { "मैं घर जा रहा हूँ।", "तुम कहाँ हो?" } },
  { NULL, "В. В. Путин и J. R. R. Tolkien. Zwei Namen.",
    { "В. В. Путин и J. R. R. Tolkien.", "Zwei Namen." } },
  { NULL, "No full stop here at all",
    { "No full stop here at all" } },
  { NULL, "   Leading and trailing spaces.   ",
    { "Leading and trailing spaces." } },
  /* a line of stars separates, it says nothing */
  { NULL, "***\nText after a rule.",
    { "Text after a rule." } },
  { NULL, "Hello.World stays one word",
    { "Hello.World stays one word" } },
  { NULL, "First.\u00a0Second with a no-break space.",
    { "First.", "Second with a no-break space." } },
  { NULL, "Line one\r\nLine two",
    { "Line one", "Line two" } },
  { NULL, "…and then it ended. Silence.",
    { "…and then it ended.", "Silence." } },
  { NULL, "1. Buy milk\n2. Call Dr. Who\n3. Sleep",
    { "1. Buy milk", "2. Call Dr. Who", "3. Sleep" } },
};

/* Checks that each sentence is the stretch of @text its offsets say,
 * without white space around it, in order and without overlaps */
static void
assert_offsets (const char *text,
                GPtrArray  *sentences)
{
  glong length = g_utf8_strlen (text, -1);
  guint previous_end = 0;
  const char *cursor = text;
  guint cursor_offset = 0;

  for (guint i = 0; i < sentences->len; i++)
    {
      NfSentence *sentence = g_ptr_array_index (sentences, i);
      guint start = nf_sentence_get_start (sentence);
      guint end = nf_sentence_get_end (sentence);
      const char *from, *to;
      g_autofree char *stretch = NULL;
      const char *sentence_text = nf_sentence_get_text (sentence);

      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (start, >=, previous_end);
      g_assert_cmpint (end, <=, length);
      previous_end = end;

      /* walk on from the last sentence: texts can be long */
      from = g_utf8_offset_to_pointer (cursor, start - cursor_offset);
      to = g_utf8_offset_to_pointer (from, end - start);
      cursor = to;
      cursor_offset = end;
      stretch = g_strndup (from, to - from);
      g_assert_cmpstr (stretch, ==, sentence_text);

      g_assert_false (g_unichar_isspace (g_utf8_get_char (sentence_text)));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (sentence_text +
                                                                          strlen (sentence_text)))));
      g_assert_cmpfloat (nf_sentence_get_score (sentence), ==, 0.0);
    }
}

/* Prints the sentences found, so that a failing case says what it got */
static char *
describe (GPtrArray *sentences)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    g_string_append_printf (out, "  [%u] ⟨%s⟩\n", i,
                            nf_sentence_get_text (g_ptr_array_index (sentences, i)));

  return g_string_free (out, FALSE);
}

static void
test_case (gconstpointer data)
{
  const SentenceCase *c = data;
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (c->text, c->language);
  g_autofree char *got = describe (sentences);
  guint expected = 0;

  while (c->expected[expected] != NULL)
    expected++;

  if (sentences->len != expected)
    {
      g_test_message ("%s: got\n%s", c->text, got);
      g_assert_cmpuint (sentences->len, ==, expected);
      return;
    }

  for (guint i = 0; i < expected; i++)
    g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, i)), ==,
                     c->expected[i]);

  assert_offsets (c->text, sentences);
}

static void
test_empty (void)
{
  const char *blank[] = { "", " ", "   \n\n \t  ", "\r\n\u3000\u00a0", "\n\n\n" };

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_autoptr(GPtrArray) sentences = nf_text_split_sentences (blank[i], "en");

      g_assert_nonnull (sentences);
      g_assert_cmpuint (sentences->len, ==, 0);
    }
}

static void
test_no_sentence_end (void)
{
  const char *inner = "a text that never ends a sentence, with 3.5 per cent, Dr. Who and the U.S. army";
  g_autofree char *text = g_strdup_printf ("  %s  ", inner);
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (text, "en");
  NfSentence *sentence;

  g_assert_cmpuint (sentences->len, ==, 1);
  sentence = g_ptr_array_index (sentences, 0);
  g_assert_cmpstr (nf_sentence_get_text (sentence), ==, inner);
  g_assert_cmpuint (nf_sentence_get_start (sentence), ==, 2);
  g_assert_cmpuint (nf_sentence_get_end (sentence), ==, 2 + strlen (inner));
  assert_offsets (text, sentences);
}

/* Offsets count code points, not bytes */
static void
test_offsets_in_code_points (void)
{
  const char *text = "Ünïcödé “quotes” here. Второе предложение. 第三句。";
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (text, NULL);

  g_assert_cmpuint (sentences->len, ==, 3);
  g_assert_cmpuint (nf_sentence_get_start (g_ptr_array_index (sentences, 0)), ==, 0);
  g_assert_cmpuint (nf_sentence_get_end (g_ptr_array_index (sentences, 0)), ==, 22);
  g_assert_cmpuint (nf_sentence_get_start (g_ptr_array_index (sentences, 1)), ==, 23);
  g_assert_cmpuint (nf_sentence_get_end (g_ptr_array_index (sentences, 1)), ==, 42);
  g_assert_cmpuint (nf_sentence_get_start (g_ptr_array_index (sentences, 2)), ==, 43);
  g_assert_cmpuint (nf_sentence_get_end (g_ptr_array_index (sentences, 2)), ==, 47);
  assert_offsets (text, sentences);
}

/* Chinese and Japanese end sentences with no space after them */
static void
test_cjk_without_spaces (void)
{
  const char *text = "北京今天下雨。上海也下雨了！明天呢？「明日は晴れる。」と彼は言った。";
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences (text, "");

  g_assert_cmpuint (sentences->len, ==, 5);
  g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 0)), ==, "北京今天下雨。");
  g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 1)), ==, "上海也下雨了！");
  g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 2)), ==, "明天呢？");
  g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 3)), ==, "「明日は晴れる。」");
  g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 4)), ==, "と彼は言った。");
  assert_offsets (text, sentences);
}

/* NULL, "" and a language without rules of its own all use every
 * language's rules; a region or script suffix is ignored */
static void
test_language_codes (void)
{
  const char *text = "Er kam am 3. Oktober mit Dr. Weber. Die U.S. Navy wartete. Sie fuhren los.";
  const char *languages[] = { NULL, "", "xx", "de", "DE", "de-AT", "de_CH" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GPtrArray) sentences = nf_text_split_sentences (text, languages[i]);

      g_assert_cmpuint (sentences->len, ==, 3);
      g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 0)), ==,
                       "Er kam am 3. Oktober mit Dr. Weber.");
      g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 1)), ==,
                       "Die U.S. Navy wartete.");
      assert_offsets (text, sentences);
    }

  /* English numbers take no ordinal dot: "3." before a capital ends */
  {
    g_autoptr(GPtrArray) sentences = nf_text_split_sentences ("He came third, in lane 3. Smith won.", "en");

    g_assert_cmpuint (sentences->len, ==, 2);
  }
}

/* A bad byte does not stop the split; offsets are those of the text read
 * with U+FFFD in place of it */
static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) sentences = nf_text_split_sentences ("Bad \xff byte. Next one.", "en");

  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, 0)), ==, "Bad \xef\xbf\xbd byte.");
  g_assert_cmpuint (nf_sentence_get_end (g_ptr_array_index (sentences, 0)), ==, 11);
  g_assert_cmpuint (nf_sentence_get_start (g_ptr_array_index (sentences, 1)), ==, 12);
}

/* 5 000 sentences of every kind: all found, in order, offsets right */
static void
test_long_text (void)
{
  static const char *templates[] = {
    "Sen. Clark of the U.S. said on Sept. %u that sales rose 3.5 per cent.",
    "“We expected %u,” said Dr. Hahn of Acme Inc.",
    "Is %u too many?",
    "The firm (founded in 1987 by J. R. Lowe) hired %u people!",
    "Prices fell... by %u cents.",
    "Am %u. Oktober kam Prof. Weber, d.h. der Chef.",
  };
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) sentences = NULL;
  guint n = 5000;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i % 10 == 0 ? "\n\n" : " ");
      g_string_append_printf (text, templates[i % G_N_ELEMENTS (templates)], i % 28 + 1);
    }

  /* English and German: the language is unknown */
  sentences = nf_text_split_sentences (text->str, NULL);
  g_assert_cmpuint (sentences->len, ==, n);
  for (guint i = 0; i < n && i < sentences->len; i++)
    {
      g_autofree char *expected = g_strdup_printf (templates[i % G_N_ELEMENTS (templates)], i % 28 + 1);

      g_assert_cmpstr (nf_sentence_get_text (g_ptr_array_index (sentences, i)), ==, expected);
      if (g_test_failed ())
        break;
    }
  assert_offsets (text->str, sentences);

  g_string_free (text, TRUE);
}

/* Splits from several threads at once: the rules are read-only */
static gpointer
split_in_thread (gpointer data)
{
  guint found = 0;

  for (guint round = 0; round < 40; round++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GPtrArray) sentences = nf_text_split_sentences (cases[i].text, cases[i].language);

        found += sentences->len;
      }

  return GUINT_TO_POINTER (found);
}

static void
test_threads (void)
{
  GThread *threads[4];
  guint first = 0;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("split", split_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      guint found = GPOINTER_TO_UINT (g_thread_join (threads[i]));

      if (i == 0)
        first = found;
      g_assert_cmpuint (found, ==, first);
    }
  g_assert_cmpuint (first, >, 0);
}

int
main (int argc, char **argv)
{
  guint per_language = 0;
  const char *last = "";

  g_test_init (&argc, &argv, NULL);
  /* one wrong case should not hide the others */
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *language = cases[i].language != NULL ? cases[i].language : "any";
      g_autofree char *path = NULL;

      per_language = strcmp (language, last) == 0 ? per_language + 1 : 1;
      last = language;
      path = g_strdup_printf ("/sentences/table/%s/%02u", language, per_language);
      g_test_add_data_func (path, &cases[i], test_case);
    }

  g_test_add_func ("/sentences/empty", test_empty);
  g_test_add_func ("/sentences/no-sentence-end", test_no_sentence_end);
  g_test_add_func ("/sentences/offsets-in-code-points", test_offsets_in_code_points);
  g_test_add_func ("/sentences/cjk-without-spaces", test_cjk_without_spaces);
  g_test_add_func ("/sentences/language-codes", test_language_codes);
  g_test_add_func ("/sentences/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sentences/long-text", test_long_text);
  g_test_add_func ("/sentences/threads", test_threads);

  return g_test_run ();
}
