"""The portal's standing content, created once on a new installation (``services.site_ensure``).

The home page holds the seed page's text word for word: it is the municipality's own wording.
The statements repeat what the layout's templates said before the pages moved into the CMS; the
legislation page says what DOMAIN.md says, in our words. Editors own all of it afterwards.
"""

from __future__ import annotations

from django.conf import settings


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def text(html: str) -> dict[str, object]:
    return {"type": "text", "value": html}


def callout(kind: str, heading: str, html: str) -> dict[str, object]:
    return {"type": "callout", "value": {"kind": kind, "heading": heading, "text": html}}


# ---------------------------------------------------------------- the seed page, word for word

HOME_TITLE = "For fagpersoner"
HOME_LEAD = "Rådgivning og sparring for fagpersoner."
HOME_INTRO = p(
    "Denne side henvender sig til fagpersoner i Københavns Kommune, som i deres arbejde med børn, "
    "unge og voksne støder på sager om social kontrol og æresrelaterede konflikter. Her kan du "
    "bl.a. læse om relevante rådgivningstilbud, du som fagperson kan trække på, og som du kan "
    "henvise borgere til.",
    "Du kan tilmelde dig kurser og workshops om social kontrol og finde inspiration til, hvordan "
    "du kan tage temaet op i f.eks. undervisningssammenhænge og i dialogarrangementer, ligesom du "
    "kan læse nyeste viden om forskning på området.",
)
TOOLBOX_TEASER_HEADING = "Værktøjskasse for fagpersoner, der har borgerkontakt"
TOOLBOX_TEASER_LINK = "Vis alle"

CREATE_TRUST_TITLE = "Skab tillid"
CREATE_TRUST_SUMMARY = p(
    "Har du at gøre med borger (barn, ung eller voksen), der er udsat for social kontrol, er det "
    "afgørende, at du skaber rammerne for en tryg dialog. Det er vigtigt, at borgeren kan betro "
    "sig til dig uden frygt for, at du deler vedkommendes historie med andre.",
    "Drejer det sig om et barn eller en ung gælder desuden, at du aldrig skal inddrage "
    "vedkommendes familie i sagen, medmindre barnet eller den unge selv ønsker det.",
)

# (heading, text, directory service slug): the phone number comes from the directory.
ADVICE_OFFERS = [
    (
        "Etnisk Konsulentteam i Københavns Kommune",
        p(
            "Er du ansat i Københavns Kommune, tilbyder Etnisk Konsulentteam (kommunens "
            "ekspertberedskab i sager om æresrelaterede konflikter og social kontrol) gratis "
            "konsulentbistand i form af sparring, rådgivning, risikovurdering, konfliktmægling og "
            "undervisning i sager om social kontrol.",
            "Konsulenterne kan både rådgive dig i specifikke sager og mere generelle "
            "problemstillinger.",
        ),
        "etnisk-konsulentteam",
    ),
    (
        "RED Rådgivning",
        p(
            "Du kan også kontakte Red Rådgivning (tidligere Etnisk Ung), som tilbyder gratis, "
            "professionel sparring og rådgivning for fagpersoner, der arbejder med etniske "
            "minoritetsunge, der er udsat for kontrol eller tvang."
        ),
        "red-raadgivning",
    ),
    (
        "RED Safehouse",
        p(
            "RED Safehouse er et specialiseret opholdssted for unge, der er på flugt fra "
            "æresrelaterede konflikter. RED Safehouse tilbyder rådgivning og kurser for "
            "fagpersoner, der arbejder med borgere, som er ofre for æresrelaterede konflikter."
        ),
        "red-safehouse",
    ),
]

LEGISLATION_HEADING = "Lovgivning på området"
LEGISLATION_TEXT = p(
    "Kommunen har pligt til at føre tilsyn med børn og unge under 18 år i kommunen og dermed til "
    "at være opsøgende. Alle offentligt ansatte har skærpet underretningspligt, hvilket betyder, "
    "at de skal underrette kommunen, hvis de er bekymret for et barns udvikling og trivsel. Den "
    "skærpede underretningspligt går forud for tavshedspligten og er personlig. Den enkelte "
    "offentligt ansatte er derfor selv forpligtet til at lave en underretning.",
    "Som kommunal medarbejder er du også forpligtet til at tilbyde rådgivning og handleplaner til "
    "voksne, der udsættes for æresrelaterede konflikter. Det fremgår af lov om social service. "
    "Handleplanen skal udarbejdes i samarbejde med borgeren og skal bl.a. indeholde en "
    "risikovurdering for den pågældende borger, oplysninger om borgerens aktuelle situation samt "
    "overvejelser om eventuelle relevante støttemuligheder.",
)
LEGISLATION_LINK = "Læs mere om relevant lovgivning på området."
COPENHAGEN_HEADING = "Københavns indsats mod social kontrol"

# ---------------------------------------------------------------- our own words

HOME_DESCRIPTION = (
    "Rådgivning, sparring, værktøjer, kurser og lovgivning for fagpersoner i Københavns Kommune, "
    "der møder social kontrol og æresrelaterede konflikter."
)
COPENHAGEN_TEXT = p(
    "Tillid samler kommunens tilbud til fagpersoner ét sted: viden, rådgivning, kurser og de "
    "pligter, du skal handle på."
)
COPENHAGEN_LINK = "Læs om Tillid"
RESEARCH_TEASER_HEADING = "Nyeste viden fra forskningen"
COURSES_TEASER_HEADING = "Kurser og workshops"
COURSES_TEASER_TEXT = p(
    "Kommunen holder kurser, workshops og dialogarrangementer om social kontrol for "
    "medarbejdere. Se de næste datoer i kursuskalenderen."
)

TOOLBOX_INTRO = (
    "Praktiske råd til dig, der i dit arbejde møder børn, unge og voksne, som er udsat for social "
    "kontrol eller æresrelaterede konflikter."
)
RESEARCH_INTRO = (
    "Undersøgelser og rapporter om social kontrol og æresrelaterede konflikter, sammenfattet med "
    "vores egne ord. Nyeste først."
)
INSPIRATION_INTRO = (
    "Idéer og materialer til at tage social kontrol op i undervisning, på personalemøder og i "
    "dialogarrangementer med forældre og unge."
)

LEGISLATION_INTRO = (
    "To pligter er særligt vigtige, når du møder social kontrol: underretningspligten over for "
    "børn og unge, og pligten til at tilbyde voksne rådgivning og en handleplan."
)


# Each law the legislation page cites links to its text on retsinformation.dk (ELI addresses,
# which lead to the text in force), so that a municipality can check what the page says.
BARNETS_LOV = "https://www.retsinformation.dk/eli/lta/2023/721"
SERVICELOVEN = "https://www.retsinformation.dk/eli/lta/2005/573"


def law_link(url: str, text: str) -> str:
    return f'<a href="{url}">{text}</a>'


def legislation_body() -> list[dict[str, object]]:
    return [
        text(
            "<h2>Børn og unge: den skærpede underretningspligt</h2>"
            + p(
                "Som offentligt ansat skal du underrette kommunen, når du ved eller har grund til "
                "at antage, at et barn eller en ung under 18 år kan have behov for særlig støtte, "
                "eller har været udsat for overgreb (barnets lov § 133). Pligten er personlig: "
                "din leder kan ikke tage den fra dig, og den går forud for din tavshedspligt."
            )
            + p(law_link(BARNETS_LOV, "Læs barnets lov § 133 på retsinformation.dk"))
            + p("En god underretning beskriver:")
            + ul(
                "det, du konkret har set og hørt, gerne med barnets egne ord",
                "barnets trivsel og udvikling",
                "hvad der allerede er gjort",
                "din relation til barnet",
                "om der er brug for tolk, og på hvilket sprog",
                "om forældrene er orienteret",
            )
        ),
        callout(
            "warning",
            "Kontakt ikke familien ved mistanke om kontrol",
            p(
                "Er der mistanke om overgreb eller kontrol fra familien, må familien ikke "
                "kontaktes, før kommunen har vurderet sagen. Inddrag aldrig et barns familie, "
                "medmindre barnet selv ønsker det."
            ),
        ),
        text(
            p("Når kommunen modtager underretningen, skal den:")
            + ul(
                "inden for 24 timer vurdere, om barnets sundhed eller udvikling er i fare, og om "
                "der skal handles straks",
                "registrere og vurdere underretningen systematisk",
                "sende dig en kvittering inden for 6 hverdage",
                "fortælle dig, om underretningen har ført til en undersøgelse eller en indsats",
            )
        ),
        {
            "type": "feature_link",
            "value": {
                "feature": "concern_report",
                "text": "Lav en underretning",
                "description": (
                    "Tillid hjælper dig med at få det hele med og giver dig en kvittering."
                ),
            },
        },
        {
            "type": "urgent",
            "value": {
                "heading": "Når det haster",
                "text": p(
                    "Er et barn eller en voksen i akut fare, så ring 112. Uden for "
                    "modtagelsens åbningstid går en akut sag om et barn til den sociale "
                    "døgnvagt (i København Den Sociale Døgnvagt)."
                ),
                "service": None,
            },
        },
        text(
            "<h2>Voksne: rådgivning og handleplan (serviceloven § 12 a)</h2>"
            + p(law_link(SERVICELOVEN, "Læs serviceloven § 12 a på retsinformation.dk"))
            + p(
                "En borger over 18 år, der henvender sig på grund af en æresrelateret konflikt, "
                "skal tilbydes gratis rådgivning. Vurderer kommunen, at det er nødvendigt, skal "
                "borgeren også tilbydes en handleplan. Handleplanen laves sammen med borgeren og "
                "skal indeholde:"
            )
            + ol(
                "en risikovurdering",
                "borgerens aktuelle situation: bolig, arbejde, uddannelse og forholdet til "
                "familien",
                "relevante støttemuligheder inden for bolig, arbejde og uddannelse, og formålet "
                "med dem",
                "andre støttemuligheder efter serviceloven eller anden lovgivning, og formålet "
                "med dem",
            )
        ),
        {
            "type": "feature_link",
            "value": {
                "feature": "action_plan",
                "text": "Lav en handleplan",
                "description": "Handleplanen bygger på de fire punkter ovenfor.",
            },
        },
        {
            "type": "feature_link",
            "value": {
                "feature": "risk_assessment",
                "text": "Lav en risikovurdering",
                "description": "Vurderingen er et forslag; din faglige vurdering afgør.",
            },
        },
        {
            "type": "feature_link",
            "value": {
                "feature": "consultation",
                "text": "Bed om sparring",
                "description": "Etnisk Konsulentteam rådgiver dig gratis i konkrete sager.",
            },
        },
    ]


ABOUT_TITLE = "Om Tillid"
ABOUT_INTRO = (
    "Tillid er Københavns Kommunes samlede sted for fagpersoner, der møder børn, unge og voksne, "
    "som er udsat for social kontrol og æresrelaterede konflikter."
)


def about_body() -> list[dict[str, object]]:
    return [
        text(
            p(
                "Her kan lærere, socialrådgivere, sundhedsplejersker, SSP- og klubmedarbejdere og "
                "kommunens ekspertteam, Etnisk Konsulentteam, lære (værktøjskasse, lovgivning, "
                "forskning), finde hjælp (rådgivningstilbud med telefonnumre og åbningstider), "
                "tilmelde sig kurser, bede eksperterne om sparring og handle på deres pligter: "
                "risikovurdering, handleplaner for voksne og underretninger om børn."
            )
            + "<h2>Fortrolighed</h2>"
            + p(
                "Oplysningerne i sagerne er blandt de mest følsomme, en kommune har. Derfor "
                "nægtes adgang som udgangspunkt, alle følsomme opslag logges, og et barns familie "
                "kontaktes aldrig, medmindre barnet selv ønsker det."
            )
        )
    ]


PRIVACY_TITLE = "Privatlivspolitik"


def privacy_intro() -> str:
    return (
        f"{settings.TILLID_MUNICIPALITY} er dataansvarlig for de oplysninger, der behandles i "
        "Tillid."
    )


def privacy_body() -> list[dict[str, object]]:
    email = settings.TILLID_CONTACT_EMAIL
    return [
        text(
            "<h2>Hvilke oplysninger behandler vi?</h2>"
            + p(
                "Om dig som bruger: navn, e-mail, stilling, enhed og roller, samt log over dine "
                "handlinger. Om borgere: de oplysninger, fagpersoner registrerer i sager, "
                "risikovurderinger, handleplaner og underretninger. De kan omfatte følsomme "
                "oplysninger og oplysninger om strafbare forhold."
            )
            + "<h2>Hvordan beskytter vi dem?</h2>"
            + ul(
                "Kun personer med en rolle, der giver adgang, kan se en sag.",
                "Alle opslag i følsomme oplysninger og alle ændringer logges.",
                "Fritekst og identifikationsoplysninger i sager krypteres i databasen.",
                "CPR-numre skrives aldrig i logfiler, adresser (URL'er) eller e-mails.",
            )
            + "<h2>Dine rettigheder</h2>"
            + p(
                "Du har ret til at få indsigt i de oplysninger, vi behandler om dig, og til at "
                f'vide, hvem der har set dem. Skriv til <a href="mailto:{email}">{email}</a>. Du '
                "kan klage til Datatilsynet over behandlingen."
            )
        )
    ]


ACCESSIBILITY_TITLE = "Tilgængelighedserklæring"


def accessibility_intro() -> str:
    return (
        f"{settings.TILLID_MUNICIPALITY} ønsker, at alle kan bruge Tillid, også med skærmlæser, "
        "tastatur alene eller forstørrelse."
    )


def accessibility_body() -> list[dict[str, object]]:
    email = settings.TILLID_CONTACT_EMAIL
    return [
        text(
            "<h2>Hvilken standard følger vi?</h2>"
            + p(
                "Tillid skal overholde lov om tilgængelighed af offentlige organers websteder og "
                "mobilapplikationer, dvs. WCAG 2.1 på niveau A og AA (den europæiske standard "
                "EN 301 549). Siderne er bygget med Det Fælles Designsystem."
            )
            + "<h2>Sådan tester vi</h2>"
            + p(
                "Hver ændring testes automatisk i en rigtig browser med tilgængelighedsværktøjet "
                "axe-core, som afviser enhver fejl mod WCAG 2.1 A og AA på de sider, testene "
                "besøger. Vi tester også, at siderne kan bruges med tastaturet alene, bl.a. at "
                'linket "Gå til sidens indhold" virker. Redaktørerne har desuden Wagtails '
                "indbyggede tilgængelighedstjek, når de skriver og retter sider."
            )
            + "<h2>Kendte begrænsninger</h2>"
            + p(
                "Automatiske test finder ikke alle problemer. Løsningen er endnu ikke gennemgået "
                "manuelt af en ekstern tilgængelighedsekspert. Sidernes indhold findes kun på "
                "dansk."
            )
            + "<h2>Fandt du en fejl?</h2>"
            + p(
                f'Skriv til <a href="mailto:{email}">{email}</a>. Får du ikke et tilfredsstillende '
                "svar, kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med "
                "tilgængeligheden af offentlige websteder."
            )
        )
    ]
