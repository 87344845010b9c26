## tolks beskeder på dansk.

segments-count = { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
}
segments-header = { $path }: { segments-count }
segments-protected = beskyttet

## Fejl.
error-prefix = fejl
warning-prefix = advarsel
warning-merge-driver-missing = denne klon har ikke sat tolks flettedriver op, som .gitattributes angiver for { $memory }: git ville flette hukommelsen som en binær fil i konflikt, og den ene sides oversættelser går let tabt
hint-merge-driver-missing = kør tolk init --git én gang i denne klon (git kloner ikke sin konfiguration)
hint-prefix = tip
error-io-not-found = { $path }: filen findes ikke
error-io-permission-denied = { $path }: adgang nægtet
error-io-is-a-directory = { $path }: er en mappe, ikke en fil
error-io-symlink-loop = { $path }: symbolske links danner en løkke
error-io-not-a-directory = { $path }: en mappe i stien er en fil
error-io-other = { $path }: kan ikke læses: { $reason }
error-write-other = { $path }: kan ikke skrives: { $reason }
error-invalid-utf8 = { $path }:{ $line }: ikke gyldig UTF-8-tekst
hint-invalid-utf8 = gem filen som UTF-8
error-nul-byte = { $path }:{ $line }: indeholder en NUL-byte; ikke en tekstfil
error-empty = { $path }: filen er tom
error-no-postings = { $path }: mappen med opslag findes ikke (`postings` i tolk.toml)
hint-no-postings = kør tolk i arbejdsområdet (eller med -C MAPPE), sæt `postings` i tolk.toml, eller begynd med tolk init eller tolk adopt
error-conflict-markers = { $path }:{ $line }: en git-flettekonflikt er ikke løst (linjerne <<<<<<<, =======, >>>>>>>); Hugo ville udgive begge sider og markeringerne
hint-conflict-markers = behold den rigtige tekst, slet markeringslinjerne og kør tolk igen (`git status` viser filerne i konflikt)
error-too-large = { $path }: { $megabytes } MB er for stor til et opslag (højst 8 MB)
error-fm-unterminated = { $path }:{ $line }: { $format }-front matter, der starter her, afsluttes aldrig
hint-fm-unterminated = afslut front matter med en linje, der kun indeholder { $delim }
hint-fm-json-unterminated = luk JSON-objektet med den klamme, der svarer til dets første, uden for anførselstegn (Hugo læser en side, der begynder med {"{"}, som JSON-front matter)
error-fm-invalid = { $path }:{ $line }: ugyldig { $format }-front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: nøglen “{ $key }” står to gange i front matter
hint-fm-duplicate = fjern den ene; Hugo ville kun beholde én
error-fm-not-mapping = { $path }:{ $line }: front matter er ikke en liste af nøgler og værdier
error-sc-unterminated = { $path }:{ $line }: en shortcode starter her, men slutter aldrig
hint-sc-unterminated = afslut kaldet med >{"}}"} eller %{"}}"} og tjek anførselstegnene
error-sc-malformed = { $path }:{ $line }: en shortcode uden et gyldigt navn
error-sc-unquoted = { $path }:{ $line }: Hugo kan ikke læse dette shortcode-kald: “{ $char }” uden for anførselstegn
hint-sc-unquoted = sæt en parameter med sådanne tegn i anførselstegn, og afslut kaldet som det begyndte ({"{{"}< med >{"}}"}, {"{{"}% med %{"}}"})
error-sc-mixed-params = { $path }:{ $line }: et shortcode-kald med både navngivne og positionelle parametre, som Hugo afviser
error-sc-unexpected-close = { $path }:{ $line }: afsluttende shortcode “{ $name }” uden en åbnende
hint-sc-unexpected-close = tjek at shortcodes lukkes i omvendt rækkefølge af åbningen
error-sc-unclosed = { $path }:{ $line }: shortcode “{ $name }” åbnes her, men lukkes aldrig
warning-fm-lenient = { $path }:{ $line }: front matter er ikke gyldig YAML ({ $message }); læst linje for linje, som Hugo gør
warning-sc-mismatched-close = { $path }:{ $line }: den afsluttende shortcode “{ $name }” lukker “{ $open }” åbnet på linje { $open_line } (Hugo tjekker ikke navnet)
warning-fm-duplicate = { $path }:{ $line }: front matter-nøglen “{ $key }” er angivet igen (første gang på linje { $first_line }); den sidste værdi gælder, som i Hugo

## Status.
col-posting = OPSLAG
col-lang = SPROG
col-state = TILSTAND
col-current = AKTUELLE
col-stale = FORÆLDEDE
col-untranslated = UOVERSATTE
state-current = aktuel
state-stale = forældet
state-incomplete = ufuldstændig
state-missing = mangler
state-orphaned = forældreløs
state-error = fejl
status-next = { $lang }: se hvad der er ændret med `tolk diff --lang { $lang }`, og oversæt derefter med `tolk translate { $path } --lang { $lang }`
status-summary = { $lang }: { $percent } % aktuelt, { $stale ->
    [one] { $stale } forældet segment
   *[other] { $stale } forældede segmenter
}, { $untranslated } uoversatte

## init, sync.
init-config-written = Skrev { $path } med standardindstillingerne.
init-config-exists = { $path } findes; den er ikke ændret.
init-memory-ready = Oversættelseshukommelsen er { $path }.
init-git-file = Tilføjede de linjer, tolk behøver, til { $path }.
init-git-textconv = git diff af hukommelsen kører nu: { $command } (hver klon sætter det én gang: tolk init --git)
error-git-config = git config mislykkedes: { $message }
hint-init-no-git = installer git, eller kør tolk init uden --git
sync-summary = Synkroniserede { $postings ->
    [one] { $postings } opslag
   *[other] { $postings } opslag
}: { $versions } nye kildetekster, { $translations ->
    [one] { $translations } oversættelse registreret
   *[other] { $translations } oversættelser registreret
}.
sync-carried = { $file }: { $count ->
    [one] { $count } ændring af links eller kode
   *[other] { $count } ændringer af links eller kode
} overført fra kilden.
warning-unaligned = { $path }:{ $line }: segmentet { $key } svarer ikke til noget i kildeopslaget
warning-orphan = { $path }: kildeopslaget findes ikke længere (forældreløs oversættelse)

## Fejl i konfiguration og hukommelse.
error-config = { $path }:{ $line }: { $detail }
error-config-language = { $path }:{ $line }: “{ $detail }” er ikke en BCP 47-sprogkode, som tolk accepterer (brug nb for norsk bokmål)
error-config-source-in-targets = { $path }:{ $line }: kildesproget { $detail } er også et målsprog
error-config-glob = { $path }:{ $line }: “{ $detail }” er ikke et gyldigt mønster
hint-config = se standardindstillingerne med `tolk init` i en tom mappe
error-tm-open = { $path }: oversættelseshukommelsen kan ikke åbnes: { $reason }
error-tm-not-a-memory = { $path }: ikke en oversættelseshukommelse fra tolk
hint-tm-not-a-memory = flyt den til side; `tolk sync` laver en ny
error-tm-newer = { $path }: lavet af en nyere tolk (skema { $found }; denne tolk kender { $supported })
hint-tm-newer = opdater tolk; hukommelsen er ikke ændret
error-tm-older = { $path }: lavet af en ældre tolk (skema { $found }); kør `tolk sync` for at opgradere den
error-tm-locked = { $path }: oversættelseshukommelsen er låst af en anden tolk
hint-tm-locked = vent til den anden kørsel er færdig, og prøv igen
error-tm-sql = { $path }: oversættelseshukommelsen fejlede: { $reason }

## diff.
lang-en = Engelsk
lang-da = Dansk
lang-sv = Svensk
lang-nb = Norsk
change-cosmetic = kosmetisk
change-edited = redigeret
change-rewritten = omskrevet
diff-state-stale = forældet ({ $change })
diff-state-untranslated = uoversat
diff-insert-after = { $file }, efter linje { $line }
diff-label-english = Engelsk
diff-label-suggestions = Forslag
diff-no-suggestions = ingen i hukommelsen
diff-nothing = Intet at gøre på { $lang }: alle oversættelser er aktuelle.
diff-missing = { $file }: ingen oversættelse endnu; `tolk new { $path } --lang { $lang }` opretter den
why-context = samme engelske tekst under samme overskrift, i { $posting }
why-exact = samme engelske tekst, i { $posting }
why-fuzzy = lignende engelsk tekst, i { $posting }: { $diff }

## accept.
accept-summary = { $file }: { $count ->
    [one] { $count } oversættelse godkendt
   *[other] { $count } oversættelser godkendt
} som korrekt for dagens engelske tekst.
warning-accept-not-stale = segmentet { $key } er ikke forældet; intet at godkende

## new, translate.
new-created = Oprettede { $file }: { $filled } segmenter fra hukommelsen, { $left ->
    [one] { $left } tilbage på engelsk
   *[other] { $left } tilbage på engelsk
}.
translate-progress = { $left ->
    [one] { $left } segment tilbage
   *[other] { $left } segmenter tilbage
}
translate-prompt = { $count ->
    [0] e rediger, k behold, s spring over, q afslut:
    [one] 1 tag forslaget, e rediger, k behold, s spring over, q afslut:
   *[other] 1-{ $count } tag et forslag, e rediger, k behold, s spring over, q afslut:
}
translate-edit-prompt = Ny tekst:
translate-unknown-answer = “{ $answer }” er ikke et svar her.
translate-done = { $file }: intet tilbage at oversætte ({ $answered } besvaret).
error-file-exists = { $path }: findes allerede
error-no-source = { $path }: der er intet kildeopslag med denne sti
error-answer-refused = { $path }: svaret er ikke skrevet: { $why }
error-no-segment = { $path }: intet segment { $key }

## check, reports.
verdict-pass = bestået
verdict-warn = advarsel
verdict-fail = fejlet
check-language = { $lang }: { $verdict } ({ $percent } % aktuelt)
check-passed = Tjekket bestod ({ $warn ->
    [one] { $warn } opslag med advarsler
   *[other] { $warn } opslag med advarsler
}).
check-failed = Tjekket fejlede: { $fail ->
    [one] { $fail } opslag fejler
   *[other] { $fail } opslag fejler
}, { $warn } giver kun advarsler.
check-unreadable = Tjekket kunne ikke gennemføres: { $count ->
    [one] { $count } fil
   *[other] { $count } filer
} kunne ikke læses (se ovenfor).
finding-missing = ingen oversættelsesfil
finding-orphaned = kildeopslaget findes ikke længere
finding-untranslated = segmentet { $key } er ikke oversat
finding-stale = segmentet { $key } er forældet ({ $change }, { $days ->
    [one] { $days } dag
   *[other] { $days } dage
})
finding-below-minimum = kun { $percent } % aktuelt
finding-unaligned = segmentet { $key } svarer ikke til noget i kilden
finding-obsolete = segment { $key } oversætter engelsk, der er fjernet: slet det fra oversættelsen
md-title = Oversættelser
md-verdict = Resultat
md-language-postings = { $lang }: opslag at se på
html-title = Oversættelsesstatus
html-untranslated = uoversat
html-filter-lang = Sprog
html-filter-state = Tilstand
html-filter-all = Alle
html-filter-search = Opslag
html-filter-shown = Viste opslag:
html-back = ← Alle opslag
html-col-segment = Segment
html-col-changed = Ændret i det engelske
segment-state-current = aktuel
segment-state-carried = overført (beskyttet ændring anvendt)
segment-state-stale = forældet
segment-state-untranslated = uoversat
segment-state-obsolete = overflødig (det engelske er væk)
report-written = Skrev { $path }, { $pages ->
    [one] { $pages } side for et opslag
   *[other] { $pages } sider for opslag
} og { $badges ->
    [one] { $badges } badge
   *[other] { $badges } badges
}.

## export.
export-written = skrev { $path }
export-removed = fjernede { $path } (kildeopslaget findes ikke længere)
export-held = holdt { $path } tilbage (for lidt af den er aktuel)
export-summary = { $changed ->
    [one] { $changed } fil skrevet
   *[other] { $changed } filer skrevet
}, { $unchanged } uændrede.
export-summary-dry = { $changed ->
    [one] { $changed } fil ville ændres
   *[other] { $changed } filer ville ændres
}, { $unchanged } uændrede.
error-export-hand-edited = { $path }: ændret i hånden, siden tolk skrev den; ikke rørt
hint-export-hand-edited = `tolk export --force` overskriver den
error-export-outside = { $path }: uden for målmappen (via .. eller et symbolsk link); ikke skrevet
error-export-unreadable = { $path }: ikke skrevet: siden ville ikke kunne læses igen ({ $detail })
error-export-skeleton = { $path }: ikke skrevet: dens shortcodes ville ikke være indlejret som den engelske sides (kald { $call }: den engelske har { $english }, siden { $page })
error-export-unsafe = { $path }: ikke skrevet: blokken på linje { $line } ({ $key }) i oversættelsen svarer til ingen engelsk blok og tilføjer et script, en hændelseshandler, en javascript:-URL eller et element, der indlæser en anden side (iframe, form, meta...)
hint-export-refused = filen på sitet er ikke rørt; `tolk status` nævner oversættelsens blokke uden modstykke
export-nothing = intet

## adopt.
adopt-summary = Overtog { $dir } ({ $layout }-layout): { $pages ->
    [one] { $pages } side
   *[other] { $pages } sider
}; { $adopted } overtaget, { $single } kun på ét sprog, { $orphans } forældreløse, { $unaligned } ikke helt afstemt, { $other } ikke taget.
adopt-single = kun på ét sprog ({ $lang }): { $path }
adopt-orphan = forældreløs (ingen kildeside) på { $langs }: { $path }
adopt-unaligned = ikke helt afstemt: { $path }: { $count ->
    [one] { $count } segment svarer
   *[other] { $count } segmenter svarer
} ikke til noget i kilden ({ $segments })
adopt-unreadable = ikke taget: { $path }: { $reason }
adopt-conflict = ikke taget: { $path } findes allerede i arbejdsområdet med andet indhold
adopt-export-to = `tolk export` skriver i { $to } (`to` under [export] i tolk.toml); i den overtagne mappe: tolk export --to { $dir }{ $layout }
adopt-findings = { $count ->
    [one] { $count } fund
   *[other] { $count } fund
}; { $git ->
    [one] { $git } oversættelse
   *[other] { $git } oversættelser
} registreret mod den kilde, de blev lavet fra (git).
finding-key-case = { $path }: nøglen { $key } skrives { $variants }
finding-wrong-language = { $path } ({ $lang }): language er “{ $value }”
finding-translated-value = { $path } ({ $lang }): { $key } er “{ $value }”, hvor kilden har “{ $source }” (ikke tekst, men oversat alligevel)
finding-glued-fence = { $path } ({ $lang }), linje { $line }: en kodeblok klistret på slutningen af en tekstlinje
finding-lenient = { $path } ({ $lang }), linje { $line }: front matter, der ikke er gyldig YAML
error-no-git = git findes ikke på PATH
hint-no-git = installer git, eller overtag uden --git
error-not-a-repository = { $path }: ikke i et git-repository
error-shallow-repository = { $path }: en overfladisk klon (shallow clone) af sit repository: den engelske tekst, hver oversættelse blev lavet ud fra, er ikke i historikken, så hver oversættelse ville blive taget som aktuel
hint-shallow-repository = kør først `git fetch --unshallow` der (i CI: hent hele historikken, f.eks. fetch-depth: 0), eller adoptér uden --git
error-outside-workspace = { $path }: ikke en opslagssti i arbejdsområdet (ingen .. eller / forrest)
error-no-such-posting = { $path }: intet opslag med det navn i nogen sprogmappe
hint-no-such-posting = `tolk status` viser opslagene; en sti er inde i en sprogmappe (career/x.md) eller en fil (postings/da/career/x.md)
error-unknown-lang = “{ $lang }” er ikke et sprog i dette arbejdsområde (det har { $langs })
error-bad-now = TOLK_NOW er “{ $value }”, ikke et tidspunkt som 2026-11-28T12:00:00Z

## Indholdstjek af oversættelser.
problem-protected-missing = segmentet { $key }: “{ $detail }” fra kilden findes ikke i oversættelsen
problem-script = segmentet { $key }: oversættelsen tilføjer et <script>
problem-javascript-url = segmentet { $key }: oversættelsen tilføjer en javascript:-URL
problem-event-handler = segmentet { $key }: oversættelsen tilføjer en hændelseshåndtering ({ $detail })
problem-active-html = segmentet { $key }: oversættelsen tilføjer et element, der indlæser en anden side eller sender læseren andetsteds hen ({ $detail })
problem-extra-html = segmentet { $key }: oversættelsen tilføjer HTML, som kilden ikke har ({ $detail })
problem-number-missing = segmentet { $key }: tallet { $detail } fra kilden findes ikke i oversættelsen
problem-glued-fence = segmentet { $key }: en kodeblok klistret på slutningen af en tekstlinje
problem-empty = segmentet { $key }: oversættelsen er tom
problem-same-as-source = segmentet { $key }: oversættelsen er selve kildeteksten
problem-translated-value = { $key }: en værdi, der ikke er tekst, er oversat ({ $detail })
problem-shortcodes-differ = shortcodes er ikke indlejret som i kilden fra kald { $detail } (kilde / oversættelse); tolk export skriver ikke denne side

## Maskinoversættelse: gennemsyn og ordliste
finding-unreviewed = segmentet { $key } er en maskinoversættelse, som ingen har gennemset
problem-glossary-kept = segmentet { $key }: “{ $detail }” skal stå uændret (ordliste)
problem-glossary-term = segmentet { $key }: ordlisten siger { $detail }
problem-glossary-forbidden = segmentet { $key }: “{ $detail }” er en oversættelse, ordlisten forbyder

## tolk mt
why-machine = maskinoversættelse fra { $provider }, ikke skrevet over en persons oversættelse
mt-created = { $file }: oprettet fra hukommelsen, resten skal oversættes
mt-request-failed = en forespørgsel for { $lang } med { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} mislykkedes, de er uændrede: { $error }
mt-left = { $lang }: { $place }: segmentet { $key } er uændret: { $why }
mt-left-page = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} fra { $file } er uændrede: { $why }
mt-reused = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
} fra en tidligere kørsel brugt, ikke sendt igen.
mt-summary = Sendte { $sent ->
    [one] { $sent } segment
   *[other] { $sent } segmenter
} i { $requests ->
    [one] { $requests } forespørgsel
   *[other] { $requests } forespørgsler
}; skrev { $written } i { $files ->
    [one] { $files } fil
   *[other] { $files } filer
}; { $suggested } gemt som forslag ved siden af en persons oversættelse; { $left } uændrede.
mt-next = Maskinoversættelser er markeret til gennemsyn: kør `tolk review`.
mt-dry-run-nothing = Intet at oversætte.
mt-dry-run-lang = { $lang }: { $segments ->
    [one] { $segments } segment
   *[other] { $segments } segmenter
}, { $words } ord, { $characters } tegn, omkring { $tokens } tokens
mt-dry-run-cost = anslået pris: { $cost }
mt-dry-run-known = { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} besvaret af en tidligere kørsel, ikke sendt igen
mt-dry-run-refused = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} fra { $file } ville ikke blive sendt: { $why }
mt-not-configured = [mt] i tolk.toml mangler { $what }
hint-mt-configure = sæt provider = "openai", "deepl" eller "command" og dens base_url, model eller command (se README)
mt-no-key = miljøvariablen { $var } (api_key_env) er ikke sat
mt-http = udbyderen svarede HTTP { $status }: { $body }
mt-unreachable = udbyderen svarede ikke: { $why }
mt-bad-answer = udbyderens svar følger ikke protokollen: { $why }
mt-command = oversættelseskommandoen mislykkedes: { $why }
refusal-page = svaret ville få sidens shortcodes til at afvige fra den engelske sides (kald { $call }: den engelske har { $english }, siden { $page })
refusal-shortcodes = { $file }:{ $line }: dens shortcodes er ikke indlejret som den engelske sides (kald { $call }: den engelske har { $english }, siden { $page }), og hvor et svar hører til, kan ikke afgøres: ret det først
refusal-write = filen kunne ikke skrives ({ $detail })
refusal-lost = siden ville ikke rumme { $key } dér, hvor Hugo læser det
refusal-glued = { $file }:{ $line } har et kodehegn efter prosa, så Hugo læser sidens tekst som kode og dens kode som tekst derfra, og tolk kan ikke se, hvor et svar hører hjemme: ret den linje først
refusal-unreadable = siden med svaret ville ikke kunne læses igen ({ $detail })
mt-why-limit = ikke sendt (--max-segments)
mt-why-placeholder-dropped = svaret mistede opmærkningen { $detail }
mt-why-placeholder-duplicated = svaret gentager opmærkningen { $detail }
mt-why-placeholder-invented = svaret har opmærkning, segmentet ikke har: { $detail }
mt-why-emphasis = svarets fremhævning passer ikke til den engelske ({ $detail })
mt-why-line-break = svaret bryder linjen eller blokken
mt-why-table-cell = svaret ville tilføje en tabelcelle
mt-why-empty = svaret er tomt
mt-why-content = svaret fejler en indholdskontrol ({ $detail })
mt-why-no-answer = udbyderen gav intet svar på det

## tolk review
review-progress = { $left ->
    [one] { $left } maskinoversættelse at gennemse
   *[other] { $left } maskinoversættelser at gennemse
}
review-label-source = Engelsk:
review-label-machine = { $provider }:
review-prompt = a godkend, e rediger, s spring over, q afslut:
review-flag-cleared = { $file }: alt er gennemset, maskinmarkeringen er fjernet
review-done = Gennemset: { $approved } godkendt, { $edited } redigeret.
status-unreviewed = { $count ->
    [one] { $count } maskinoversættelse at gennemse (tolk review)
   *[other] { $count } maskinoversættelser at gennemse (tolk review)
}

## tolk extract, tolk import
package-title = Titel:
package-headings = Under:
package-old-source = Oversat fra:
package-diff = Hvad der ændrede sig:
package-machine = Maskinoversættelse, ikke gennemset:
extract-written = Skrev { $file }: { $units ->
    [one] { $units } enhed
   *[other] { $units } enheder
} ({ $untranslated } uoversatte, { $stale } forældede, { $unreviewed } maskinoversættelser at gennemse).
extract-tmx-written = Skrev { $file }: { $count ->
    [one] { $count } oversættelse
   *[other] { $count } oversættelser
}.
extract-one-lang = en arbejdspakke er til ét sprog: angiv --lang én gang
import-tmx = { $file }: { $count ->
    [one] { $count } oversættelse
   *[other] { $count } oversættelser
} læst, { $new } nye, gemt som match til forslag.
import-refused = { $place }: enheden { $id } afvist: { $why }
import-refused-page = { $place }: { $count ->
    [one] { $count } enhed
   *[other] { $count } enheder
} fra { $posting } afvist: { $why }
import-written = { $file }: { $count ->
    [one] { $count } oversættelse skrevet
   *[other] { $count } oversættelser skrevet
}
import-summary = Importeret: { $written } skrevet, { $confirmed } bekræftet som stadig korrekte, { $approved } maskinoversættelser godkendt, { $unchanged } uændrede, { $open } ikke færdige, { $refused } afvist.
import-why-source-changed = den engelske tekst er ændret, siden pakken blev lavet (lav en ny)
import-why-target-changed = oversættelsen i filen er ændret, siden pakken blev lavet, og overskrives ikke (sammenlign de to, eller lav en ny pakke)
import-why-no-segment = segmentet findes ikke længere i opslaget
import-why-tag-missing = inline-tag { $tag } mangler
import-why-tag-twice = inline-tag { $tag } står der mere end én gang
import-why-tag-unknown = inline-tag { $tag } findes ikke i kilden
import-why-content = oversættelsen fejler en indholdskontrol ({ $detail })
import-not-utf8 = { $place }: ikke UTF-8; intet importeret
import-not-xml = { $place }: ikke velformet XML ({ $what }); intet importeret
import-unknown-format = { $place }: hverken XLIFF 1.2, PO eller TMX; intet importeret
import-version = { $place }: version “{ $what }” (tolk læser XLIFF 1.2); intet importeret
import-unknown-id = { $place }: enheden “{ $what }” er ikke et opslag i dette arbejdsområde; intet importeret
import-duplicate = { $place }: enheden “{ $what }” står der to gange; intet importeret
import-missing = { $place }: “{ $what }” mangler; intet importeret
import-language = { $place }: sproget “{ $what }” er ikke et målsprog her, eller er forskelligt mellem filerne; intet importeret
import-po = { $place }: ikke en PO-post, tolk kan læse ({ $what }); intet importeret
extract-left-out = { $count ->
    [one] { $count } segment er
   *[other] { $count } segmenter er
} allerede ude i en pakke, ikke sendt igen (--again sender dem).
extract-refused = { $file }: { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} er ikke med i pakken, da siden ikke ville tage imod et svar: { $why }
status-in-package = { $count ->
    [one] { $count } segment ude i en arbejdspakke (tolk extract), ikke importeret endnu
   *[other] { $count } segmenter ude i en arbejdspakke (tolk extract), ikke importeret endnu
}

## merge
finding-conflict = segmentet { $key } blev oversat forskelligt på to grene: { $detail }
status-conflicts = { $count ->
    [one] { $count } segment oversat forskelligt på to grene (vælg én i filen, og kør tolk sync)
   *[other] { $count } segmenter oversat forskelligt på to grene (vælg én i filen, og kør tolk sync)
}
merge-summary = { $file }: flettede { $translations } oversættelser og { $sources } engelske tekster fra den anden gren, { $conflicts ->
    [0] ingen konflikt
    [one] { $conflicts } konflikt
   *[other] { $conflicts } konflikter
}
merge-conflict = { $posting } { $key } ({ $lang }): “{ $ours }” / “{ $theirs }”
why-branch-ours = oversættelsen på denne gren (flettekonflikt)
why-branch-theirs = oversættelsen på den flettede gren (flettekonflikt)

## Usage errors (the command line did not parse).
usage-invalid-value = ugyldig værdi “{ $value }” for { $arg }
usage-missing-value = { $arg } skal have en værdi
usage-value-validation = ugyldig værdi “{ $value }” for { $arg }
usage-unknown-argument = uventet argument “{ $arg }”
usage-invalid-subcommand = ingen kommando “{ $name }”
usage-missing-argument = mangler: { $args }
usage-missing-subcommand = en kommando er nødvendig
usage-conflict = { $arg } kan ikke bruges sammen med { $other }
usage-values = forkert antal værdier for { $arg }
usage-other = { $message }
usage-did-you-mean = mente du “{ $suggestion }”?
usage-possible-values = mulige værdier: { $values }
usage-more = Prøv “--help” for mere.
