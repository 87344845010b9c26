## tolks meldinger på norsk bokmål.

segments-count = { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
}
segments-header = { $path }: { segments-count }
segments-protected = beskyttet

## Feil.
error-prefix = feil
warning-prefix = advarsel
warning-merge-driver-missing = denne klonen har ikke satt opp tolks flettedriver, som .gitattributes angir for { $memory }: git ville flette minnet som en binærfil i konflikt, og den ene sidens oversettelser går lett tapt
hint-merge-driver-missing = kjør tolk init --git én gang i denne klonen (git kloner ikke konfigurasjonen sin)
hint-prefix = tips
error-io-not-found = { $path }: filen finnes ikke
error-io-permission-denied = { $path }: ingen tilgang
error-io-is-a-directory = { $path }: er en mappe, ikke en fil
error-io-symlink-loop = { $path }: symbolske lenker danner en løkke
error-io-not-a-directory = { $path }: en mappe i stien er en fil
error-io-other = { $path }: kan ikke leses: { $reason }
error-write-other = { $path }: kan ikke skrives: { $reason }
error-invalid-utf8 = { $path }:{ $line }: ikke gyldig UTF-8-tekst
hint-invalid-utf8 = lagre filen som UTF-8
error-nul-byte = { $path }:{ $line }: inneholder en NUL-byte; ikke en tekstfil
error-empty = { $path }: filen er tom
error-no-postings = { $path }: mappen med utlysninger finnes ikke (`postings` i tolk.toml)
hint-no-postings = kjør tolk i arbeidsområdet (eller med -C MAPPE), sett `postings` i tolk.toml, eller begynn med tolk init eller tolk adopt
error-conflict-markers = { $path }:{ $line }: en git-flettekonflikt er ikke løst (linjene <<<<<<<, =======, >>>>>>>); Hugo ville publisere begge sidene og markeringene
hint-conflict-markers = behold riktig tekst, slett markeringslinjene og kjør tolk igjen (`git status` viser filene i konflikt)
error-too-large = { $path }: { $megabytes } MB er for stor for en utlysning (maks 8 MB)
error-fm-unterminated = { $path }:{ $line }: { $format }-front matter som starter her, avsluttes aldri
hint-fm-unterminated = avslutt front matter med en linje som bare inneholder { $delim }
hint-fm-json-unterminated = lukk JSON-objektet med klammen som svarer til den første, utenfor anførselstegn (Hugo leser en side som begynner med {"{"} som JSON-front matter)
error-fm-invalid = { $path }:{ $line }: ugyldig { $format }-front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: nøkkelen «{ $key }» står to ganger i front matter
hint-fm-duplicate = fjern den ene; Hugo ville bare beholde én
error-fm-not-mapping = { $path }:{ $line }: front matter er ikke en liste med nøkler og verdier
error-sc-unterminated = { $path }:{ $line }: en shortcode starter her, men slutter aldri
hint-sc-unterminated = avslutt kallet med >{"}}"} eller %{"}}"} og sjekk anførselstegnene
error-sc-malformed = { $path }:{ $line }: en shortcode uten gyldig navn
error-sc-unquoted = { $path }:{ $line }: Hugo kan ikke lese dette shortcode-kallet: “{ $char }” utenfor anførselstegn
hint-sc-unquoted = sett en parameter med slike tegn i anførselstegn, og avslutt kallet slik det begynte ({"{{"}< med >{"}}"}, {"{{"}% med %{"}}"})
error-sc-mixed-params = { $path }:{ $line }: et shortcode-kall med både navngitte og posisjonelle parametere, som Hugo avviser
error-sc-unexpected-close = { $path }:{ $line }: avsluttende shortcode «{ $name }» uten en åpnende
hint-sc-unexpected-close = sjekk at shortcodes lukkes i motsatt rekkefølge av åpningen
error-sc-unclosed = { $path }:{ $line }: shortcode «{ $name }» åpnes her, men lukkes aldri
warning-fm-lenient = { $path }:{ $line }: front matter er ikke gyldig YAML ({ $message }); lest linje for linje, slik Hugo gjør
warning-sc-mismatched-close = { $path }:{ $line }: den avsluttende kortkoden “{ $name }” lukker “{ $open }” som ble åpnet på linje { $open_line } (Hugo sjekker ikke navnet)
warning-fm-duplicate = { $path }:{ $line }: front matter-nøkkelen “{ $key }” er oppgitt igjen (første gang på linje { $first_line }); den siste verdien gjelder, som i Hugo

## Status.
col-posting = UTLYSNING
col-lang = SPRÅK
col-state = TILSTAND
col-current = OPPDATERTE
col-stale = UTDATERTE
col-untranslated = UOVERSATTE
state-current = oppdatert
state-stale = utdatert
state-incomplete = ufullstendig
state-missing = mangler
state-orphaned = foreldreløs
state-error = feil
status-next = { $lang }: se hva som er endret med `tolk diff --lang { $lang }`, og oversett deretter med `tolk translate { $path } --lang { $lang }`
status-summary = { $lang }: { $percent } % oppdatert, { $stale ->
    [one] { $stale } utdatert segment
   *[other] { $stale } utdaterte segmenter
}, { $untranslated } uoversatte

## init, sync.
init-config-written = Skrev { $path } med standardinnstillingene.
init-config-exists = { $path } finnes; den ble ikke endret.
init-memory-ready = Oversettelsesminnet er { $path }.
init-git-file = La til linjene tolk trenger i { $path }.
init-git-textconv = git diff av minnet kjører nå: { $command } (hver klone setter det én gang: tolk init --git)
error-git-config = git config mislyktes: { $message }
hint-init-no-git = installer git, eller kjør tolk init uten --git
sync-summary = Synkroniserte { $postings ->
    [one] { $postings } utlysning
   *[other] { $postings } utlysninger
}: { $versions } nye kildetekster, { $translations ->
    [one] { $translations } oversettelse registrert
   *[other] { $translations } oversettelser registrert
}.
sync-carried = { $file }: { $count ->
    [one] { $count } endring av lenker eller kode
   *[other] { $count } endringer av lenker eller kode
} overført fra kilden.
warning-unaligned = { $path }:{ $line }: segmentet { $key } svarer ikke til noe i kildeutlysningen
warning-orphan = { $path }: kildeutlysningen finnes ikke lenger (foreldreløs oversettelse)

## Feil i konfigurasjon og minne.
error-config = { $path }:{ $line }: { $detail }
error-config-language = { $path }:{ $line }: «{ $detail }» er ikke en BCP 47-språkkode som tolk godtar (bruk nb for norsk bokmål)
error-config-source-in-targets = { $path }:{ $line }: kildespråket { $detail } er også et målspråk
error-config-glob = { $path }:{ $line }: «{ $detail }» er ikke et gyldig mønster
hint-config = se standardinnstillingene med `tolk init` i en tom mappe
error-tm-open = { $path }: oversettelsesminnet kan ikke åpnes: { $reason }
error-tm-not-a-memory = { $path }: ikke et oversettelsesminne fra tolk
hint-tm-not-a-memory = flytt det til side; `tolk sync` lager et nytt
error-tm-newer = { $path }: laget av en nyere tolk (skjema { $found }; denne tolk kjenner { $supported })
hint-tm-newer = oppdater tolk; minnet ble ikke endret
error-tm-older = { $path }: laget av en eldre tolk (skjema { $found }); kjør `tolk sync` for å oppgradere det
error-tm-locked = { $path }: oversettelsesminnet er låst av en annen tolk
hint-tm-locked = vent til den andre kjøringen er ferdig, og prøv igjen
error-tm-sql = { $path }: oversettelsesminnet feilet: { $reason }

## diff.
lang-en = Engelsk
lang-da = Dansk
lang-sv = Svensk
lang-nb = Norsk
change-cosmetic = kosmetisk
change-edited = redigert
change-rewritten = omskrevet
diff-state-stale = utdatert ({ $change })
diff-state-untranslated = uoversatt
diff-insert-after = { $file }, etter linje { $line }
diff-label-english = Engelsk
diff-label-suggestions = Forslag
diff-no-suggestions = ingen i minnet
diff-nothing = Ingenting å gjøre på { $lang }: alle oversettelser er oppdatert.
diff-missing = { $file }: ingen oversettelse ennå; `tolk new { $path } --lang { $lang }` oppretter den
why-context = samme engelske tekst under samme overskrift, i { $posting }
why-exact = samme engelske tekst, i { $posting }
why-fuzzy = lignende engelsk tekst, i { $posting }: { $diff }

## accept.
accept-summary = { $file }: { $count ->
    [one] { $count } oversettelse godkjent
   *[other] { $count } oversettelser godkjent
} som riktig for dagens engelske tekst.
warning-accept-not-stale = segmentet { $key } er ikke utdatert; ingenting å godkjenne

## new, translate.
new-created = Opprettet { $file }: { $filled } segmenter fra minnet, { $left ->
    [one] { $left } igjen på engelsk
   *[other] { $left } igjen på engelsk
}.
translate-progress = { $left ->
    [one] { $left } segment igjen
   *[other] { $left } segmenter igjen
}
translate-prompt = { $count ->
    [0] e rediger, k behold, s hopp over, q avslutt:
    [one] 1 ta forslaget, e rediger, k behold, s hopp over, q avslutt:
   *[other] 1-{ $count } ta et forslag, e rediger, k behold, s hopp over, q avslutt:
}
translate-edit-prompt = Ny tekst:
translate-unknown-answer = «{ $answer }» er ikke et svar her.
translate-done = { $file }: ingenting igjen å oversette ({ $answered } besvart).
error-file-exists = { $path }: finnes allerede
error-no-source = { $path }: det finnes ingen kildeutlysning med denne stien
error-answer-refused = { $path }: svaret er ikke skrevet: { $why }
error-no-segment = { $path }: ingen segment { $key }

## check, reports.
verdict-pass = bestått
verdict-warn = advarsel
verdict-fail = feilet
check-language = { $lang }: { $verdict } ({ $percent } % oppdatert)
check-passed = Sjekken besto ({ $warn ->
    [one] { $warn } utlysning med advarsler
   *[other] { $warn } utlysninger med advarsler
}).
check-failed = Sjekken feilet: { $fail ->
    [one] { $fail } utlysning feiler
   *[other] { $fail } utlysninger feiler
}, { $warn } gir bare advarsler.
check-unreadable = Sjekken kunne ikke gjøres: { $count ->
    [one] { $count } fil
   *[other] { $count } filer
} kunne ikke leses (se over).
finding-missing = ingen oversettelsesfil
finding-orphaned = kildeutlysningen finnes ikke lenger
finding-untranslated = segmentet { $key } er ikke oversatt
finding-stale = segmentet { $key } er utdatert ({ $change }, { $days ->
    [one] { $days } dag
   *[other] { $days } dager
})
finding-below-minimum = bare { $percent } % oppdatert
finding-unaligned = segmentet { $key } svarer ikke til noe i kilden
finding-obsolete = segment { $key } oversetter engelsk som er fjernet: slett det fra oversettelsen
md-title = Oversettelser
md-verdict = Resultat
md-language-postings = { $lang }: utlysninger å se på
html-title = Oversettelsesstatus
html-untranslated = uoversatt
html-filter-lang = Språk
html-filter-state = Tilstand
html-filter-all = Alle
html-filter-search = Annonse
html-filter-shown = Viste annonser:
html-back = ← Alle annonser
html-col-segment = Segment
html-col-changed = Endret i det engelske
segment-state-current = oppdatert
segment-state-carried = overført (beskyttet endring brukt)
segment-state-stale = utdatert
segment-state-untranslated = uoversatt
segment-state-obsolete = overflødig (det engelske er borte)
report-written = Skrev { $path }, { $pages ->
    [one] { $pages } side for en annonse
   *[other] { $pages } sider for annonser
} og { $badges ->
    [one] { $badges } merke
   *[other] { $badges } merker
}.

## export.
export-written = skrev { $path }
export-removed = fjernet { $path } (kildeutlysningen finnes ikke lenger)
export-held = holdt tilbake { $path } (for lite av den er oppdatert)
export-summary = { $changed ->
    [one] { $changed } fil skrevet
   *[other] { $changed } filer skrevet
}, { $unchanged } uendret.
export-summary-dry = { $changed ->
    [one] { $changed } fil ville blitt endret
   *[other] { $changed } filer ville blitt endret
}, { $unchanged } uendret.
error-export-hand-edited = { $path }: endret for hånd siden tolk skrev den; ikke rørt
hint-export-hand-edited = `tolk export --force` overskriver den
error-export-outside = { $path }: utenfor målmappen (via .. eller en symbolsk lenke); ikke skrevet
error-export-unreadable = { $path }: ikke skrevet: siden ville ikke kunne leses igjen ({ $detail })
error-export-skeleton = { $path }: ikke skrevet: kortkodene ville ikke være nøstet som på den engelske siden (kall { $call }: den engelske har { $english }, siden { $page })
error-export-unsafe = { $path }: ikke skrevet: blokken på linje { $line } ({ $key }) i oversettelsen svarer ikke til noen engelsk blokk og legger til et skript, en hendelsesbehandler, en javascript:-URL eller et element som laster inn en annen side (iframe, form, meta...)
hint-export-refused = filen på nettstedet er ikke rørt; `tolk status` nevner oversettelsens blokker uten motstykke
export-nothing = ingenting

## adopt.
adopt-summary = Overtok { $dir } ({ $layout }-layout): { $pages ->
    [one] { $pages } side
   *[other] { $pages } sider
}; { $adopted } overtatt, { $single } bare på ett språk, { $orphans } foreldreløse, { $unaligned } ikke helt avstemt, { $other } ikke tatt.
adopt-single = bare på ett språk ({ $lang }): { $path }
adopt-orphan = foreldreløs (ingen kildeside) på { $langs }: { $path }
adopt-unaligned = ikke helt avstemt: { $path }: { $count ->
    [one] { $count } segment svarer
   *[other] { $count } segmenter svarer
} ikke til noe i kilden ({ $segments })
adopt-unreadable = ikke tatt: { $path }: { $reason }
adopt-conflict = ikke tatt: { $path } finnes allerede i arbeidsområdet med annet innhold
adopt-export-to = `tolk export` skriver i { $to } (`to` under [export] i tolk.toml); i den overtatte mappen: tolk export --to { $dir }{ $layout }
adopt-findings = { $count ->
    [one] { $count } funn
   *[other] { $count } funn
}; { $git ->
    [one] { $git } oversettelse
   *[other] { $git } oversettelser
} registrert mot kilden de ble laget fra (git).
finding-key-case = { $path }: nøkkelen { $key } skrives { $variants }
finding-wrong-language = { $path } ({ $lang }): language er «{ $value }»
finding-translated-value = { $path } ({ $lang }): { $key } er «{ $value }» der kilden har «{ $source }» (ikke tekst, men oversatt likevel)
finding-glued-fence = { $path } ({ $lang }), linje { $line }: en kodeblokk klistret til slutten av en tekstlinje
finding-lenient = { $path } ({ $lang }), linje { $line }: front matter som ikke er gyldig YAML
error-no-git = git finnes ikke på PATH
hint-no-git = installer git, eller overta uten --git
error-not-a-repository = { $path }: ikke i et git-repository
error-shallow-repository = { $path }: en grunn klone (shallow clone) av sitt repository: den engelske teksten hver oversettelse ble laget fra, er ikke i historikken, så hver oversettelse ville bli tatt som gjeldende
hint-shallow-repository = kjør først `git fetch --unshallow` der (i CI: hent hele historikken, f.eks. fetch-depth: 0), eller adopter uten --git
error-outside-workspace = { $path }: ikke en utlysningssti i arbeidsområdet (ingen .. eller / først)
error-no-such-posting = { $path }: ingen annonse med det navnet i noen språkmappe
hint-no-such-posting = `tolk status` viser annonsene; en sti ligger i en språkmappe (career/x.md) eller er en fil (postings/da/career/x.md)
error-unknown-lang = “{ $lang }” er ikke et språk i dette arbeidsområdet (det har { $langs })
error-bad-now = TOLK_NOW er “{ $value }”, ikke et tidspunkt som 2026-11-28T12:00:00Z

## Innholdssjekker av oversettelser.
problem-protected-missing = segmentet { $key }: «{ $detail }» fra kilden finnes ikke i oversettelsen
problem-script = segmentet { $key }: oversettelsen legger til et <script>
problem-javascript-url = segmentet { $key }: oversettelsen legger til en javascript:-URL
problem-event-handler = segmentet { $key }: oversettelsen legger til en hendelseshåndterer ({ $detail })
problem-active-html = segmentet { $key }: oversettelsen legger til et element som laster inn en annen side eller sender leseren et annet sted ({ $detail })
problem-extra-html = segmentet { $key }: oversettelsen legger til HTML som kilden ikke har ({ $detail })
problem-number-missing = segmentet { $key }: tallet { $detail } fra kilden finnes ikke i oversettelsen
problem-glued-fence = segmentet { $key }: en kodeblokk klistret til slutten av en tekstlinje
problem-empty = segmentet { $key }: oversettelsen er tom
problem-same-as-source = segmentet { $key }: oversettelsen er selve kildeteksten
problem-translated-value = { $key }: en verdi som ikke er tekst, er oversatt ({ $detail })
problem-shortcodes-differ = kortkodene er ikke nøstet som i kilden fra kall { $detail } (kilde / oversettelse); tolk export skriver ikke denne siden

## Maskinoversettelse: gjennomgang og ordliste
finding-unreviewed = segmentet { $key } er en maskinoversettelse som ingen har gått gjennom
problem-glossary-kept = segmentet { $key }: «{ $detail }» skal stå uendret (ordliste)
problem-glossary-term = segmentet { $key }: ordlisten sier { $detail }
problem-glossary-forbidden = segmentet { $key }: «{ $detail }» er en oversettelse ordlisten forbyr

## tolk mt
why-machine = maskinoversettelse fra { $provider }, ikke skrevet over en persons oversettelse
mt-created = { $file }: opprettet fra minnet, resten skal oversettes
mt-request-failed = en forespørsel for { $lang } med { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} mislyktes, de er uendret: { $error }
mt-left = { $lang }: { $place }: segmentet { $key } er uendret: { $why }
mt-left-page = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} fra { $file } er uendret: { $why }
mt-reused = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
} fra en tidligere kjøring brukt, ikke sendt igjen.
mt-summary = Sendte { $sent ->
    [one] { $sent } segment
   *[other] { $sent } segmenter
} i { $requests ->
    [one] { $requests } forespørsel
   *[other] { $requests } forespørsler
}; skrev { $written } i { $files ->
    [one] { $files } fil
   *[other] { $files } filer
}; { $suggested } lagret som forslag ved siden av en persons oversettelse; { $left } uendret.
mt-next = Maskinoversettelser er merket for gjennomgang: kjør `tolk review`.
mt-dry-run-nothing = Ingenting å oversette.
mt-dry-run-lang = { $lang }: { $segments ->
    [one] { $segments } segment
   *[other] { $segments } segmenter
}, { $words } ord, { $characters } tegn, omtrent { $tokens } tokens
mt-dry-run-cost = anslått pris: { $cost }
mt-dry-run-known = { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} besvart av en tidligere kjøring, ikke sendt igjen
mt-dry-run-refused = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} fra { $file } ville ikke blitt sendt: { $why }
mt-not-configured = [mt] i tolk.toml mangler { $what }
hint-mt-configure = sett provider = "openai", "deepl" eller "command" og dens base_url, model eller command (se README)
mt-no-key = miljøvariabelen { $var } (api_key_env) er ikke satt
mt-http = leverandøren svarte HTTP { $status }: { $body }
mt-unreachable = leverandøren svarte ikke: { $why }
mt-bad-answer = leverandørens svar følger ikke protokollen: { $why }
mt-command = oversettelseskommandoen mislyktes: { $why }
refusal-page = svaret ville få sidens kortkoder til å skille seg fra den engelske sidens (kall { $call }: den engelske har { $english }, siden { $page })
refusal-shortcodes = { $file }:{ $line }: kortkodene er ikke nøstet som på den engelske siden (kall { $call }: den engelske har { $english }, siden { $page }), og hvor et svar hører hjemme, kan ikke avgjøres: rett det først
refusal-write = filen kunne ikke skrives ({ $detail })
refusal-lost = siden ville ikke inneholde { $key } der Hugo leser det
refusal-glued = { $file }:{ $line } har et kodegjerde etter prosa, så Hugo leser sidens tekst som kode og koden som tekst derfra, og tolk kan ikke se hvor et svar hører hjemme: rett den linjen først
refusal-unreadable = siden med svaret ville ikke kunne leses igjen ({ $detail })
mt-why-limit = ikke sendt (--max-segments)
mt-why-placeholder-dropped = svaret mistet markeringen { $detail }
mt-why-placeholder-duplicated = svaret gjentar markeringen { $detail }
mt-why-placeholder-invented = svaret har markering segmentet ikke har: { $detail }
mt-why-emphasis = svarets utheving stemmer ikke med den engelske ({ $detail })
mt-why-line-break = svaret bryter linjen eller blokken
mt-why-table-cell = svaret ville legge til en tabellcelle
mt-why-empty = svaret er tomt
mt-why-content = svaret feiler en innholdskontroll ({ $detail })
mt-why-no-answer = leverandøren ga ikke noe svar på det

## tolk review
review-progress = { $left ->
    [one] { $left } maskinoversettelse å gå gjennom
   *[other] { $left } maskinoversettelser å gå gjennom
}
review-label-source = Engelsk:
review-label-machine = { $provider }:
review-prompt = a godkjenn, e rediger, s hopp over, q avslutt:
review-flag-cleared = { $file }: alt er gjennomgått, maskinmerket er fjernet
review-done = Gjennomgått: { $approved } godkjent, { $edited } redigert.
status-unreviewed = { $count ->
    [one] { $count } maskinoversettelse å gå gjennom (tolk review)
   *[other] { $count } maskinoversettelser å gå gjennom (tolk review)
}

## tolk extract, tolk import
package-title = Tittel:
package-headings = Under:
package-old-source = Oversatt fra:
package-diff = Hva som endret seg:
package-machine = Maskinoversettelse, ikke gjennomgått:
extract-written = Skrev { $file }: { $units ->
    [one] { $units } enhet
   *[other] { $units } enheter
} ({ $untranslated } uoversatte, { $stale } utdaterte, { $unreviewed } maskinoversettelser å gå gjennom).
extract-tmx-written = Skrev { $file }: { $count ->
    [one] { $count } oversettelse
   *[other] { $count } oversettelser
}.
extract-one-lang = en arbeidspakke er for ett språk: oppgi --lang én gang
import-tmx = { $file }: { $count ->
    [one] { $count } oversettelse
   *[other] { $count } oversettelser
} lest, { $new } nye, lagret som treff for forslag.
import-refused = { $place }: enheten { $id } avvist: { $why }
import-refused-page = { $place }: { $count ->
    [one] { $count } enhet
   *[other] { $count } enheter
} fra { $posting } avvist: { $why }
import-written = { $file }: { $count ->
    [one] { $count } oversettelse skrevet
   *[other] { $count } oversettelser skrevet
}
import-summary = Importert: { $written } skrevet, { $confirmed } bekreftet som fortsatt riktige, { $approved } maskinoversettelser godkjent, { $unchanged } uendret, { $open } ikke ferdige, { $refused } avvist.
import-why-source-changed = den engelske teksten er endret siden pakken ble laget (lag en ny)
import-why-target-changed = oversettelsen i filen er endret siden pakken ble laget, og overskrives ikke (sammenlign de to, eller lag en ny pakke)
import-why-no-segment = segmentet finnes ikke lenger i utlysningen
import-why-tag-missing = inline-taggen { $tag } mangler
import-why-tag-twice = inline-taggen { $tag } står der mer enn én gang
import-why-tag-unknown = inline-taggen { $tag } finnes ikke i kilden
import-why-content = oversettelsen feiler en innholdskontroll ({ $detail })
import-not-utf8 = { $place }: ikke UTF-8; ingenting importert
import-not-xml = { $place }: ikke velformet XML ({ $what }); ingenting importert
import-unknown-format = { $place }: verken XLIFF 1.2, PO eller TMX; ingenting importert
import-version = { $place }: versjon «{ $what }» (tolk leser XLIFF 1.2); ingenting importert
import-unknown-id = { $place }: enheten «{ $what }» er ingen utlysning i dette arbeidsområdet; ingenting importert
import-duplicate = { $place }: enheten «{ $what }» står der to ganger; ingenting importert
import-missing = { $place }: «{ $what }» mangler; ingenting importert
import-language = { $place }: språket «{ $what }» er ikke et målspråk her, eller er ulikt mellom filene; ingenting importert
import-po = { $place }: ikke en PO-post tolk kan lese ({ $what }); ingenting importert
extract-left-out = { $count ->
    [one] { $count } segment er
   *[other] { $count } segmenter er
} allerede ute i en pakke, ikke sendt igjen (--again sender dem).
extract-refused = { $file }: { $count ->
    [one] { $count } segment
   *[other] { $count } segmenter
} er ikke med i pakken fordi siden ikke ville ta imot et svar: { $why }
status-in-package = { $count ->
    [one] { $count } segment ute i en arbeidspakke (tolk extract), ikke importert ennå
   *[other] { $count } segmenter ute i en arbeidspakke (tolk extract), ikke importert ennå
}

## merge
finding-conflict = segmentet { $key } ble oversatt ulikt på to grener: { $detail }
status-conflicts = { $count ->
    [one] { $count } segment oversatt ulikt på to grener (velg én i filen, kjør så tolk sync)
   *[other] { $count } segmenter oversatt ulikt på to grener (velg én i filen, kjør så tolk sync)
}
merge-summary = { $file }: flettet { $translations } oversettelser og { $sources } engelske tekster fra den andre grenen, { $conflicts ->
    [0] ingen konflikt
    [one] { $conflicts } konflikt
   *[other] { $conflicts } konflikter
}
merge-conflict = { $posting } { $key } ({ $lang }): «{ $ours }» / «{ $theirs }»
why-branch-ours = oversettelsen på denne grenen (flettekonflikt)
why-branch-theirs = oversettelsen på grenen som ble flettet inn (flettekonflikt)

## Usage errors (the command line did not parse).
usage-invalid-value = ugyldig verdi «{ $value }» for { $arg }
usage-missing-value = { $arg } trenger en verdi
usage-value-validation = ugyldig verdi «{ $value }» for { $arg }
usage-unknown-argument = uventet argument «{ $arg }»
usage-invalid-subcommand = ingen kommando «{ $name }»
usage-missing-argument = mangler: { $args }
usage-missing-subcommand = en kommando trengs
usage-conflict = { $arg } kan ikke brukes sammen med { $other }
usage-values = feil antall verdier for { $arg }
usage-other = { $message }
usage-did-you-mean = mente du «{ $suggestion }»?
usage-possible-values = mulige verdier: { $values }
usage-more = Prøv «--help» for mer.
