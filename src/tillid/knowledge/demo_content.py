"""Demo pages written for Tillid in our own words (marked as demo on the page and in the CMS).

The advice follows DOMAIN.md. The research items are fictional on purpose: they show what an
entry looks like and say so, and none of them cites a real publication.

Over 400 lines because it is text (the demo pages), not logic; splitting it would only scatter it.
"""

from __future__ import annotations

from typing import Any

from tillid.knowledge.content import callout, ol, p, text, ul

Block = dict[str, Any]


def contact(slug: str) -> Block:
    """A contact card; ``service`` holds the directory slug until the loader resolves it."""
    return {"type": "contact_card", "value": {"service": slug}}


def urgent(html: str, service: str | None = "den-sociale-doegnvagt") -> Block:
    return {
        "type": "urgent",
        "value": {"heading": "Når det haster", "text": html, "service": service},
    }


def accordion(heading: str, items: list[tuple[str, str]]) -> Block:
    return {
        "type": "accordion",
        "value": {
            "heading": heading,
            "items": [{"heading": title, "body": body} for title, body in items],
        },
    }


def quote(words: str, who: str) -> Block:
    return {"type": "quote", "value": {"quote": words, "attribution": who}}


URGENT_TEXT = p(
    "Er nogen i akut fare, så ring 112. Gælder det et barn uden for kommunens åbningstid, "
    "kontakter du den sociale døgnvagt."
)

# slug, title, summary, body, audiences, topics
TOOLBOX_ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "tegn-paa-social-kontrol",
        "title": "Tegn på social kontrol",
        "summary": p(
            "Social kontrol viser sig sjældent som ét tydeligt tegn. Læg mærke til mønstre: en "
            "ung, hvis frihed bliver mindre og mindre, eller som er bange for, hvad andre siger."
        ),
        "body": [
            text(
                "<h2>Hvad kan du lægge mærke til?</h2>"
                + ul(
                    "Den unge må ikke deltage i lejrskole, svømning, fester eller "
                    "fritidsaktiviteter.",
                    "Nogen følger den unge til og fra skole eller arbejde.",
                    "Den unge skal altid kunne ringes op, eller telefonen bliver tjekket.",
                    "Den unge er bange for rygter og for, hvad familien eller netværket får "
                    "at vide.",
                    "Valg af venner, tøj, uddannelse eller kæreste bliver truffet af andre.",
                )
                + p(
                    "Ét tegn alene siger ikke meget. Det er helheden og udviklingen over tid, der "
                    "giver grund til bekymring."
                )
            ),
            callout(
                "info",
                "Tal med en kollega, ikke med familien",
                p(
                    "Er du i tvivl, så drøft din bekymring med en kollega, din leder eller "
                    "Etnisk Konsulentteam, før du gør noget. Kontakt ikke familien, hvis du har "
                    "mistanke om, at kontrollen kommer derfra."
                ),
            ),
            contact("etnisk-konsulentteam"),
        ],
        "audiences": ["boern", "unge", "voksne"],
        "topics": ["social-kontrol"],
    },
    {
        "slug": "tvangsaegteskab",
        "title": "Når en ung fortæller om tvangsægteskab",
        "summary": p(
            "Lyt, tag det alvorligt, og lov ikke mere, end du kan holde. Kontakt aldrig familien, "
            "og få hurtigt sparring, så der bliver lavet en risikovurdering."
        ),
        "body": [
            text(
                "<h2>I samtalen</h2>"
                + ul(
                    "Tal med den unge alene, et sted hvor I ikke bliver forstyrret.",
                    "Brug en professionel tolk, hvis I ikke har et fælles sprog, aldrig et "
                    "familiemedlem eller en ven.",
                    "Spørg, hvad den unge selv ønsker, og hvad den unge er bange for.",
                    "Skriv ned, hvad den unge siger, med den unges egne ord.",
                )
                + "<h2>Bagefter</h2>"
                + p(
                    "Er den unge under 18 år, skal du underrette kommunen. Er den unge over 18 år, "
                    "skal kommunen tilbyde rådgivning og eventuelt en handleplan. I begge tilfælde "
                    "kan Etnisk Konsulentteam hjælpe med at vurdere risikoen."
                )
            ),
            urgent(URGENT_TEXT),
            contact("etnisk-konsulentteam"),
        ],
        "audiences": ["unge", "voksne"],
        "topics": ["tvangsaegteskab", "aeresrelaterede-konflikter"],
    },
    {
        "slug": "genopdragelsesrejser",
        "title": "Bekymring for en genopdragelsesrejse",
        "summary": p(
            "Et barn kan blive sendt til udlandet mod sin vilje for at blive 'opdraget'. Handl, "
            "før barnet rejser: efter afrejsen er det langt sværere at hjælpe."
        ),
        "body": [
            text(
                "<h2>Vær opmærksom, særligt før ferier</h2>"
                + ul(
                    "Barnet fortæller, at det skal på en lang rejse, og virker bange for den.",
                    "Familien taler om, at barnet skal 'lære kulturen' eller 'komme på rette vej'.",
                    "Barnet har været i konflikt med familien om venner, kæreste eller frihed.",
                    "Der er søgt om lang fritagelse fra skolen.",
                )
                + p(
                    "Din bekymring er nok til at underrette: du skal ikke selv undersøge, om "
                    "rejsen bliver til noget."
                )
            ),
            callout(
                "warning",
                "Underret med det samme",
                p(
                    "Skriv i underretningen, at du er bekymret for en udrejse, og hvornår den kan "
                    "ske. Så kan kommunen handle i tide. Kontakt ikke forældrene om din "
                    "bekymring."
                ),
            ),
            urgent(URGENT_TEXT),
        ],
        "audiences": ["boern", "unge"],
        "topics": ["genopdragelsesrejser", "underretning"],
    },
    {
        "slug": "digital-kontrol",
        "title": "Digital kontrol",
        "summary": p(
            "Telefonen kan blive et redskab til kontrol: krav om adgangskoder, delt placering og "
            "overvågning af beskeder. Tal med den unge om, hvad der sker, og om sikker brug."
        ),
        "body": [
            text(
                "<h2>Eksempler</h2>"
                + ul(
                    "Familien eller en kæreste kræver at kende koder til telefon og sociale "
                    "medier.",
                    "Den unges placering deles hele tiden, og fravær skal forklares.",
                    "Billeder og beskeder bliver brugt til at true eller skamme ud.",
                )
                + "<h2>Det kan du gøre</h2>"
                + ul(
                    "Spørg åbent ind til, hvem der kan se den unges telefon og konti.",
                    "Tag ikke telefonen fra den unge, og ændr ikke indstillinger uden aftale: en "
                    "pludselig ændring kan øge faren.",
                    "Få sparring om, hvordan den unge kan kontakte hjælp uden at blive opdaget.",
                )
            ),
            accordion(
                "Spørgsmål, du kan stille",
                [
                    (
                        "Om telefonen",
                        p(
                            "Er der nogen, der tjekker din telefon? "
                            "Hvad sker der, hvis du ikke svarer?"
                        ),
                    ),
                    (
                        "Om sociale medier",
                        p("Har du lov til at have dine egne profiler? Hvem kender dine koder?"),
                    ),
                ],
            ),
        ],
        "audiences": ["unge", "voksne"],
        "topics": ["digital-kontrol", "social-kontrol"],
    },
    {
        "slug": "samtalen",
        "title": "Samtalen: sådan spørger du",
        "summary": p(
            "En god samtale begynder med, at borgeren ved, hvad du må og skal gøre med det, der "
            "bliver sagt. Vær ærlig om din underretningspligt, og spørg åbent."
        ),
        "body": [
            text(
                "<h2>Før samtalen</h2>"
                + ul(
                    "Find et sted, hvor I er alene og ikke bliver set af andre fra netværket.",
                    "Bestil en professionel tolk, hvis der er brug for det.",
                )
                + "<h2>I samtalen</h2>"
                + ul(
                    "Fortæl, hvad du gør med oplysningerne, også om din underretningspligt.",
                    "Stil åbne spørgsmål: 'Fortæl om en almindelig dag' frem for 'Må du gå ud?'.",
                    "Vis, at du tror på det, borgeren fortæller, og at det ikke er "
                    "borgerens skyld.",
                    "Aftal, hvordan I kan kontakte hinanden sikkert.",
                )
            ),
            quote(
                "Det vigtigste var, at hun ikke ringede hjem. Så turde jeg fortælle resten.",
                "Konstrueret eksempel: en ung kvinde, 17 år",
            ),
        ],
        "audiences": ["boern", "unge", "voksne"],
        "topics": ["samtalen"],
    },
    {
        "slug": "lgbt-og-social-kontrol",
        "title": "LGBT+ og social kontrol",
        "summary": p(
            "Unge, der er LGBT+, kan være særligt udsatte, hvis familien ser deres identitet "
            "som en "
            "skam. Respektér den unges eget tempo, og fortæl aldrig andre om den unges identitet."
        ),
        "body": [
            text(
                p(
                    "For nogle unge er det farligt, hvis familien får at vide, at de er LGBT+. "
                    "Tal med den unge om, hvem der ved hvad, og hvem den unge stoler på."
                )
                + ul(
                    "Skriv kun den unges identitet i journalen, hvis det er nødvendigt for sagen.",
                    "Vær opmærksom på pres om ægteskab eller om at 'blive rask'.",
                    "Henvis til rådgivning, der kender til både LGBT+ og social kontrol.",
                )
            ),
            contact("red-raadgivning"),
        ],
        "audiences": ["unge", "voksne"],
        "topics": ["lgbt", "social-kontrol"],
    },
    {
        "slug": "underretning-trin-for-trin",
        "title": "Underretning: fra bekymring til handling",
        "summary": p(
            "Har du grund til at tro, at et barn har brug for særlig støtte, skal du underrette. "
            "Pligten er din egen, og den går forud for tavshedspligten."
        ),
        "body": [
            text(
                ol(
                    "Skriv ned, hvad du har set og hørt, og hvornår: konkret og neutralt.",
                    "Drøft gerne bekymringen med din leder, men husk, at pligten er din.",
                    "Underret kommunen. Skriv, om forældrene kender til underretningen, og om de "
                    "ikke må kontaktes.",
                    "Du får en kvittering inden for 6 hverdage.",
                )
            ),
            callout(
                "warning",
                "Mistanke om kontrol fra familien",
                p("Så må familien ikke kontaktes. Skriv det tydeligt i underretningen."),
            ),
        ],
        "audiences": ["boern", "unge"],
        "topics": ["underretning"],
    },
    {
        "slug": "risikovurdering",
        "title": "Risikovurdering: hvad ser vi efter?",
        "summary": p(
            "En risikovurdering samler det, du ved, i en struktureret vurdering af faren. Et "
            "skema giver et forslag; den faglige vurdering afgør."
        ),
        "body": [
            text(
                p(
                    "Der findes ikke ét officielt dansk redskab. Tillid bygger på to kendte "
                    "tilgange:"
                )
                + ul(
                    "PATRIARK: en struktureret faglig vurdering af 15 faktorer i tre grupper: "
                    "selve volden og truslerne, dem der udøver den, og borgerens sårbarhed.",
                    "DASH: en tjekliste med 24 ja/nej-spørgsmål. 14 eller flere ja regnes som "
                    "høj risiko og 10–13 som middel. Du kan vurdere risikoen højere ud fra din "
                    "faglige vurdering, og æresrelateret vold eller tvangsægteskab er netop en "
                    "grund til det.",
                )
                + p(
                    "Få hjælp af Etnisk Konsulentteam, første gang du laver en risikovurdering i "
                    "en sag om æresrelaterede konflikter."
                )
            ),
            contact("etnisk-konsulentteam"),
        ],
        "audiences": ["boern", "unge", "voksne"],
        "topics": ["risikovurdering", "aeresrelaterede-konflikter"],
    },
]

FICTIONAL_PUBLISHER = "Fiktiv udgiver (demoindhold)"
FICTIONAL_NOTE = (
    "Udgivelsen findes ikke: den er skrevet til demoen for at vise, hvordan en sammenfatning i "
    "Tillid ser ud."
)

RESEARCH_ITEMS: list[dict[str, Any]] = [
    {
        "slug": "demo-unges-hverdag-med-kontrol",
        "title": "Unges hverdag med kontrol (fiktivt eksempel)",
        "authors": "Demoforfatter A og Demoforfatter B",
        "year": 2024,
        "summary": p(
            FICTIONAL_NOTE,
            "En sammenfatning beskriver med egne ord, hvad undersøgelsen handler om, fx hvordan "
            "unge oplever begrænsninger i fritid, venskaber og uddannelsesvalg, og hvad "
            "fagpersoner kan tage med sig: at tegnene ofte er små og viser sig over tid.",
        ),
        "topics": ["social-kontrol"],
    },
    {
        "slug": "demo-fagpersoners-erfaringer",
        "title": "Fagpersoners erfaringer med underretninger (fiktivt eksempel)",
        "authors": "Demoforfatter C",
        "year": 2023,
        "summary": p(
            FICTIONAL_NOTE,
            "Her kunne stå, hvad fagpersoner fortæller om at underrette i sager om social "
            "kontrol: usikkerhed om, hvornår bekymringen er stor nok, og om familien må "
            "kontaktes.",
        ),
        "topics": ["underretning"],
    },
    {
        "slug": "demo-digital-kontrol",
        "title": "Digital kontrol blandt unge (fiktivt eksempel)",
        "authors": "Demoforfatter D og Demoforfatter E",
        "year": 2022,
        "summary": p(
            FICTIONAL_NOTE,
            "En rigtig sammenfatning ville fortælle, hvilke former for digital kontrol unge "
            "møder, og hvordan fagpersoner kan spørge ind til dem.",
        ),
        "topics": ["digital-kontrol"],
    },
    {
        "slug": "demo-voksne-og-handleplaner",
        "title": "Voksne, der bryder med familien (fiktivt eksempel)",
        "authors": "Demoforfatter F",
        "year": 2021,
        "summary": p(
            FICTIONAL_NOTE,
            "Sammenfatningen kunne handle om voksnes behov for bolig, arbejde og netværk efter "
            "et brud med familien, og hvad det betyder for arbejdet med handleplaner.",
        ),
        "topics": ["aeresrelaterede-konflikter"],
    },
]

# The documents are generated by the loader: (title, file name, text lines).
INSPIRATION_PAGES: list[dict[str, Any]] = [
    {
        "slug": "hvem-bestemmer-over-mit-liv",
        "title": "Undervisning: Hvem bestemmer over mit liv?",
        "summary": p(
            "Et forløb på to lektioner for udskolingen om frihed, fællesskab og grænser, med "
            "dilemmaer eleverne kan diskutere i grupper."
        ),
        "body": [
            text(
                "<h2>Sådan kan forløbet se ud</h2>"
                + ol(
                    "Fælles start: Hvad betyder frihed for dig? Eleverne skriver stikord.",
                    "Dilemmaer i grupper: eleverne diskuterer korte historier om venskaber, "
                    "kærester og familie.",
                    "Opsamling: Hvem kan man tale med, hvis man selv eller en ven har det svært?",
                )
                + p(
                    "Fortæl eleverne, hvem på skolen de kan kontakte bagefter, og vær forberedt "
                    "på, at en elev kan fortælle noget, der kræver en underretning."
                )
            ),
            {
                "type": "document",
                "value": {
                    "document": "dilemmakort",
                    "title": "",
                    "description": "Seks korte dilemmaer til gruppearbejde.",
                },
            },
        ],
        "documents": {
            "dilemmakort": (
                "Dilemmakort til undervisningen (demo)",
                "dilemmakort.txt",
                [
                    "Dilemmakort (demoindhold)",
                    "",
                    "1. Sara må ikke komme med på lejrskole. Hvad kan hendes venner gøre?",
                    "2. Ali får beskeder fra sin fætter, hver gang han er ude. Er det omsorg "
                    "eller kontrol?",
                    "3. Mina vil gerne være sygeplejerske, men familien har valgt en anden "
                    "uddannelse. Hvem kan hun tale med?",
                    "4. En ven fortæller, at han skal sendes til udlandet i sommerferien. Hvad "
                    "gør du?",
                    "5. Din ven skal altid dele sin placering. Hvad tænker du om det?",
                    "6. En elev siger: 'Det er bare sådan, det er hos os.' Hvad svarer du?",
                ],
            )
        },
        "audiences": ["unge"],
        "topics": ["social-kontrol"],
    },
    {
        "slug": "dialogmoede-med-foraeldre",
        "title": "Dialogmøde med forældre om frihed og tillid",
        "summary": p(
            "En skabelon til et aftenmøde for forældre, hvor I taler om at give børn frihed og "
            "om, hvor hjælpen findes, hvis konflikter i familien bliver for store."
        ),
        "body": [
            text(
                p(
                    "Inviter sammen med en forening eller et kulturhus, som forældrene kender, og "
                    "sørg for tolke. Hold mødet som en samtale, ikke et foredrag."
                )
                + ul(
                    "Begynd med forældrenes egne erfaringer med at være forældre i Danmark.",
                    "Tal om, hvad tillid mellem forældre og børn kræver.",
                    "Fortæl, hvor familier kan få rådgivning, før konflikter vokser.",
                )
            ),
            {
                "type": "document",
                "value": {
                    "document": "mødeplan",
                    "title": "",
                    "description": "Forslag til program og invitation.",
                },
            },
        ],
        "documents": {
            "mødeplan": (
                "Mødeplan til dialogmødet (demo)",
                "moedeplan.txt",
                [
                    "Mødeplan (demoindhold)",
                    "",
                    "17.00  Velkomst og spisning",
                    "17.45  Samtale i små grupper: Hvad betyder tillid i vores familie?",
                    "18.30  Hvor kan familier få hjælp? (oplæg fra kommunen)",
                    "19.00  Tak for i aften",
                ],
            )
        },
        "audiences": ["boern", "unge"],
        "topics": ["social-kontrol", "aeresrelaterede-konflikter"],
    },
]
