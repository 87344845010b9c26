## tolks meddelanden på svenska.

segments-count = { $count ->
    [one] { $count } segment
   *[other] { $count } segment
}
segments-header = { $path }: { segments-count }
segments-protected = skyddad

## Fel.
error-prefix = fel
warning-prefix = varning
warning-merge-driver-missing = den här klonen har inte satt upp tolks sammanslagningsdrivrutin, som .gitattributes anger för { $memory }: git skulle slå samman minnet som en binär fil i konflikt, och den ena sidans översättningar går lätt förlorade
hint-merge-driver-missing = kör tolk init --git en gång i den här klonen (git klonar inte sin konfiguration)
hint-prefix = tips
error-io-not-found = { $path }: filen finns inte
error-io-permission-denied = { $path }: åtkomst nekad
error-io-is-a-directory = { $path }: är en katalog, inte en fil
error-io-symlink-loop = { $path }: symboliska länkar bildar en slinga
error-io-not-a-directory = { $path }: en katalog i sökvägen är en fil
error-io-other = { $path }: kan inte läsas: { $reason }
error-write-other = { $path }: kan inte skrivas: { $reason }
error-invalid-utf8 = { $path }:{ $line }: inte giltig UTF-8-text
hint-invalid-utf8 = spara filen som UTF-8
error-nul-byte = { $path }:{ $line }: innehåller en NUL-byte; inte en textfil
error-empty = { $path }: filen är tom
error-no-postings = { $path }: mappen med annonser finns inte (`postings` i tolk.toml)
hint-no-postings = kör tolk i arbetsytan (eller med -C KATALOG), ange `postings` i tolk.toml, eller börja med tolk init eller tolk adopt
error-conflict-markers = { $path }:{ $line }: en git-sammanslagningskonflikt är inte löst (raderna <<<<<<<, =======, >>>>>>>); Hugo skulle publicera båda sidorna och markeringarna
hint-conflict-markers = behåll rätt text, ta bort markeringsraderna och kör tolk igen (`git status` visar filerna i konflikt)
error-too-large = { $path }: { $megabytes } MB är för stor för en annons (högst 8 MB)
error-fm-unterminated = { $path }:{ $line }: { $format }-front matter som börjar här avslutas aldrig
hint-fm-unterminated = avsluta front matter med en rad som bara innehåller { $delim }
hint-fm-json-unterminated = stäng JSON-objektet med den klammer som svarar mot dess första, utanför citattecken (Hugo läser en sida som börjar med {"{"} som JSON-front matter)
error-fm-invalid = { $path }:{ $line }: ogiltig { $format }-front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: nyckeln ”{ $key }” finns två gånger i front matter
hint-fm-duplicate = ta bort den ena; Hugo skulle bara behålla en
error-fm-not-mapping = { $path }:{ $line }: front matter är inte en lista med nycklar och värden
error-sc-unterminated = { $path }:{ $line }: en shortcode börjar här men tar aldrig slut
hint-sc-unterminated = avsluta anropet med >{"}}"} eller %{"}}"} och kontrollera citattecknen
error-sc-malformed = { $path }:{ $line }: en shortcode utan giltigt namn
error-sc-unquoted = { $path }:{ $line }: Hugo kan inte läsa det här shortcode-anropet: “{ $char }” utanför citattecken
hint-sc-unquoted = sätt en parameter med sådana tecken inom citattecken, och avsluta anropet som det började ({"{{"}< med >{"}}"}, {"{{"}% med %{"}}"})
error-sc-mixed-params = { $path }:{ $line }: ett shortcode-anrop med både namngivna och positionella parametrar, vilket Hugo vägrar
error-sc-unexpected-close = { $path }:{ $line }: avslutande shortcode ”{ $name }” utan en inledande
hint-sc-unexpected-close = kontrollera att shortcodes stängs i omvänd ordning mot hur de öppnas
error-sc-unclosed = { $path }:{ $line }: shortcode ”{ $name }” öppnas här men stängs aldrig
warning-fm-lenient = { $path }:{ $line }: front matter är inte giltig YAML ({ $message }); läst rad för rad, som Hugo gör
warning-sc-mismatched-close = { $path }:{ $line }: den avslutande shortcoden “{ $name }” stänger “{ $open }” som öppnades på rad { $open_line } (Hugo kontrollerar inte namnet)
warning-fm-duplicate = { $path }:{ $line }: front matter-nyckeln “{ $key }” anges igen (första gången på rad { $first_line }); det sista värdet gäller, som i Hugo

## Status.
col-posting = ANNONS
col-lang = SPRÅK
col-state = LÄGE
col-current = AKTUELLA
col-stale = INAKTUELLA
col-untranslated = OÖVERSATTA
state-current = aktuell
state-stale = inaktuell
state-incomplete = ofullständig
state-missing = saknas
state-orphaned = föräldralös
state-error = fel
status-next = { $lang }: se vad som ändrats med `tolk diff --lang { $lang }`, och översätt sedan med `tolk translate { $path } --lang { $lang }`
status-summary = { $lang }: { $percent } % aktuellt, { $stale ->
    [one] { $stale } inaktuellt segment
   *[other] { $stale } inaktuella segment
}, { $untranslated } oöversatta

## init, sync.
init-config-written = Skrev { $path } med standardinställningarna.
init-config-exists = { $path } finns; den lämnades orörd.
init-memory-ready = Översättningsminnet är { $path }.
init-git-file = La till raderna tolk behöver i { $path }.
init-git-textconv = git diff av minnet kör nu: { $command } (varje klon ställer in det en gång: tolk init --git)
error-git-config = git config misslyckades: { $message }
hint-init-no-git = installera git, eller kör tolk init utan --git
sync-summary = Synkroniserade { $postings ->
    [one] { $postings } annons
   *[other] { $postings } annonser
}: { $versions } nya källtexter, { $translations ->
    [one] { $translations } översättning registrerad
   *[other] { $translations } översättningar registrerade
}.
sync-carried = { $file }: { $count ->
    [one] { $count } ändring av länkar eller kod
   *[other] { $count } ändringar av länkar eller kod
} överförd från källan.
warning-unaligned = { $path }:{ $line }: segmentet { $key } motsvarar inget i källannonsen
warning-orphan = { $path }: källannonsen finns inte längre (föräldralös översättning)

## Fel i konfiguration och minne.
error-config = { $path }:{ $line }: { $detail }
error-config-language = { $path }:{ $line }: ”{ $detail }” är inte en BCP 47-språkkod som tolk godtar (använd nb för norskt bokmål)
error-config-source-in-targets = { $path }:{ $line }: källspråket { $detail } är också ett målspråk
error-config-glob = { $path }:{ $line }: ”{ $detail }” är inte ett giltigt mönster
hint-config = se standardinställningarna med `tolk init` i en tom katalog
error-tm-open = { $path }: översättningsminnet kan inte öppnas: { $reason }
error-tm-not-a-memory = { $path }: inte ett översättningsminne från tolk
hint-tm-not-a-memory = flytta undan det; `tolk sync` skapar ett nytt
error-tm-newer = { $path }: skapat av en nyare tolk (schema { $found }; denna tolk känner till { $supported })
hint-tm-newer = uppdatera tolk; minnet lämnades orört
error-tm-older = { $path }: skapat av en äldre tolk (schema { $found }); kör `tolk sync` för att uppgradera det
error-tm-locked = { $path }: översättningsminnet är låst av en annan tolk
hint-tm-locked = vänta tills den andra körningen är klar och försök igen
error-tm-sql = { $path }: översättningsminnet fallerade: { $reason }

## diff.
lang-en = Engelska
lang-da = Danska
lang-sv = Svenska
lang-nb = Norska
change-cosmetic = kosmetisk
change-edited = redigerad
change-rewritten = omskriven
diff-state-stale = inaktuell ({ $change })
diff-state-untranslated = oöversatt
diff-insert-after = { $file }, efter rad { $line }
diff-label-english = Engelska
diff-label-suggestions = Förslag
diff-no-suggestions = inga i minnet
diff-nothing = Inget att göra på { $lang }: alla översättningar är aktuella.
diff-missing = { $file }: ingen översättning än; `tolk new { $path } --lang { $lang }` skapar den
why-context = samma engelska text under samma rubrik, i { $posting }
why-exact = samma engelska text, i { $posting }
why-fuzzy = liknande engelsk text, i { $posting }: { $diff }

## accept.
accept-summary = { $file }: { $count ->
    [one] { $count } översättning godkänd
   *[other] { $count } översättningar godkända
} som korrekt för dagens engelska text.
warning-accept-not-stale = segmentet { $key } är inte inaktuellt; inget att godkänna

## new, translate.
new-created = Skapade { $file }: { $filled } segment från minnet, { $left ->
    [one] { $left } kvar på engelska
   *[other] { $left } kvar på engelska
}.
translate-progress = { $left ->
    [one] { $left } segment kvar
   *[other] { $left } segment kvar
}
translate-prompt = { $count ->
    [0] e redigera, k behåll, s hoppa över, q avsluta:
    [one] 1 ta förslaget, e redigera, k behåll, s hoppa över, q avsluta:
   *[other] 1-{ $count } ta ett förslag, e redigera, k behåll, s hoppa över, q avsluta:
}
translate-edit-prompt = Ny text:
translate-unknown-answer = ”{ $answer }” är inget svar här.
translate-done = { $file }: inget kvar att översätta ({ $answered } besvarade).
error-file-exists = { $path }: finns redan
error-no-source = { $path }: det finns ingen källannons med den sökvägen
error-answer-refused = { $path }: svaret är inte skrivet: { $why }
error-no-segment = { $path }: inget segment { $key }

## check, reports.
verdict-pass = godkänt
verdict-warn = varning
verdict-fail = underkänt
check-language = { $lang }: { $verdict } ({ $percent } % aktuellt)
check-passed = Kontrollen godkändes ({ $warn ->
    [one] { $warn } annons med varningar
   *[other] { $warn } annonser med varningar
}).
check-failed = Kontrollen underkändes: { $fail ->
    [one] { $fail } annons underkänd
   *[other] { $fail } annonser underkända
}, { $warn } ger bara varningar.
check-unreadable = Kontrollen kunde inte göras: { $count ->
    [one] { $count } fil
   *[other] { $count } filer
} kunde inte läsas (se ovan).
finding-missing = ingen översättningsfil
finding-orphaned = källannonsen finns inte längre
finding-untranslated = segmentet { $key } är inte översatt
finding-stale = segmentet { $key } är inaktuellt ({ $change }, { $days ->
    [one] { $days } dag
   *[other] { $days } dagar
})
finding-below-minimum = bara { $percent } % aktuellt
finding-unaligned = segmentet { $key } motsvarar inget i källan
finding-obsolete = segment { $key } översätter engelska som är borttagen: ta bort det ur översättningen
md-title = Översättningar
md-verdict = Resultat
md-language-postings = { $lang }: annonser att titta på
html-title = Översättningsstatus
html-untranslated = oöversatt
html-filter-lang = Språk
html-filter-state = Status
html-filter-all = Alla
html-filter-search = Annons
html-filter-shown = Visade annonser:
html-back = ← Alla annonser
html-col-segment = Segment
html-col-changed = Ändrat i engelskan
segment-state-current = aktuell
segment-state-carried = överförd (skyddad ändring tillämpad)
segment-state-stale = inaktuell
segment-state-untranslated = oöversatt
segment-state-obsolete = överflödig (engelskan är borta)
report-written = Skrev { $path }, { $pages ->
    [one] { $pages } sida för en annons
   *[other] { $pages } sidor för annonser
} och { $badges ->
    [one] { $badges } märke
   *[other] { $badges } märken
}.

## export.
export-written = skrev { $path }
export-removed = tog bort { $path } (källannonsen finns inte längre)
export-held = höll tillbaka { $path } (för lite av den är aktuellt)
export-summary = { $changed ->
    [one] { $changed } fil skriven
   *[other] { $changed } filer skrivna
}, { $unchanged } oförändrade.
export-summary-dry = { $changed ->
    [one] { $changed } fil skulle ändras
   *[other] { $changed } filer skulle ändras
}, { $unchanged } oförändrade.
error-export-hand-edited = { $path }: ändrad för hand sedan tolk skrev den; lämnad orörd
hint-export-hand-edited = `tolk export --force` skriver över den
error-export-outside = { $path }: utanför målkatalogen (via .. eller en symbolisk länk); inte skriven
error-export-unreadable = { $path }: inte skriven: sidan skulle inte gå att läsa igen ({ $detail })
error-export-skeleton = { $path }: inte skriven: dess shortcodes skulle inte nästlas som den engelska sidans (anrop { $call }: den engelska har { $english }, sidan { $page })
error-export-unsafe = { $path }: inte skriven: blocket på rad { $line } ({ $key }) i översättningen motsvarar inget engelskt block och lägger till ett skript, en händelsehanterare, en javascript:-URL eller ett element som läser in en annan sida (iframe, form, meta...)
hint-export-refused = filen på webbplatsen lämnas orörd; `tolk status` nämner översättningens block utan motsvarighet
export-nothing = inget

## adopt.
adopt-summary = Tog över { $dir } ({ $layout }-layout): { $pages ->
    [one] { $pages } sida
   *[other] { $pages } sidor
}; { $adopted } övertagna, { $single } bara på ett språk, { $orphans } föräldralösa, { $unaligned } inte helt matchade, { $other } inte tagna.
adopt-single = bara på ett språk ({ $lang }): { $path }
adopt-orphan = föräldralös (ingen källsida) på { $langs }: { $path }
adopt-unaligned = inte helt matchad: { $path }: { $count ->
    [one] { $count } segment motsvarar
   *[other] { $count } segment motsvarar
} inget i källan ({ $segments })
adopt-unreadable = inte tagen: { $path }: { $reason }
adopt-conflict = inte tagen: { $path } finns redan i arbetsytan med annat innehåll
adopt-export-to = `tolk export` skriver i { $to } (`to` under [export] i tolk.toml); i den övertagna mappen: tolk export --to { $dir }{ $layout }
adopt-findings = { $count ->
    [one] { $count } fynd
   *[other] { $count } fynd
}; { $git ->
    [one] { $git } översättning registrerad
   *[other] { $git } översättningar registrerade
} mot källan de gjordes från (git).
finding-key-case = { $path }: nyckeln { $key } skrivs { $variants }
finding-wrong-language = { $path } ({ $lang }): language är ”{ $value }”
finding-translated-value = { $path } ({ $lang }): { $key } är ”{ $value }” där källan har ”{ $source }” (inte text, men översatt ändå)
finding-glued-fence = { $path } ({ $lang }), rad { $line }: ett kodblock ihopklistrat med slutet av en textrad
finding-lenient = { $path } ({ $lang }), rad { $line }: front matter som inte är giltig YAML
error-no-git = git finns inte i PATH
hint-no-git = installera git, eller ta över utan --git
error-not-a-repository = { $path }: inte i ett git-repository
error-shallow-repository = { $path }: en grund klon (shallow clone) av sitt repository: den engelska text varje översättning gjordes från finns inte i historiken, så varje översättning skulle tas som aktuell
hint-shallow-repository = kör först `git fetch --unshallow` där (i CI: hämta hela historiken, t.ex. fetch-depth: 0), eller adoptera utan --git
error-outside-workspace = { $path }: inte en annonssökväg i arbetsytan (inga .. eller inledande /)
error-no-such-posting = { $path }: ingen annons med det namnet i någon språkmapp
hint-no-such-posting = `tolk status` listar annonserna; en sökväg ligger i en språkmapp (career/x.md) eller är en fil (postings/da/career/x.md)
error-unknown-lang = “{ $lang }” är inte ett språk i den här arbetsytan (den har { $langs })
error-bad-now = TOLK_NOW är “{ $value }”, inte en tidpunkt som 2026-11-28T12:00:00Z

## Innehållskontroller av översättningar.
problem-protected-missing = segmentet { $key }: ”{ $detail }” från källan finns inte i översättningen
problem-script = segmentet { $key }: översättningen lägger till ett <script>
problem-javascript-url = segmentet { $key }: översättningen lägger till en javascript:-URL
problem-event-handler = segmentet { $key }: översättningen lägger till en händelsehanterare ({ $detail })
problem-active-html = segmentet { $key }: översättningen lägger till ett element som läser in en annan sida eller skickar läsaren någon annanstans ({ $detail })
problem-extra-html = segmentet { $key }: översättningen lägger till HTML som källan inte har ({ $detail })
problem-number-missing = segmentet { $key }: talet { $detail } från källan finns inte i översättningen
problem-glued-fence = segmentet { $key }: ett kodblock ihopklistrat med slutet av en textrad
problem-empty = segmentet { $key }: översättningen är tom
problem-same-as-source = segmentet { $key }: översättningen är själva källtexten
problem-translated-value = { $key }: ett värde som inte är text har översatts ({ $detail })
problem-shortcodes-differ = shortcodes nästlas inte som i källan från anrop { $detail } (källa / översättning); tolk export skriver inte den här sidan

## Maskinöversättning: granskning och ordlista
finding-unreviewed = segmentet { $key } är en maskinöversättning som ingen har granskat
problem-glossary-kept = segmentet { $key }: ”{ $detail }” ska stå oförändrat (ordlista)
problem-glossary-term = segmentet { $key }: ordlistan säger { $detail }
problem-glossary-forbidden = segmentet { $key }: ”{ $detail }” är en översättning som ordlistan förbjuder

## tolk mt
why-machine = maskinöversättning från { $provider }, inte skriven över en persons översättning
mt-created = { $file }: skapad från minnet, resten ska översättas
mt-request-failed = en förfrågan för { $lang } med { $count ->
    [one] { $count } segment
   *[other] { $count } segment
} misslyckades, de är oförändrade: { $error }
mt-left = { $lang }: { $place }: segmentet { $key } är oförändrat: { $why }
mt-left-page = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segment
} från { $file } är oförändrade: { $why }
mt-reused = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
} från en tidigare körning användes, inte skickade igen.
mt-summary = Skickade { $sent ->
    [one] { $sent } segment
   *[other] { $sent } segment
} i { $requests ->
    [one] { $requests } förfrågan
   *[other] { $requests } förfrågningar
}; skrev { $written } i { $files ->
    [one] { $files } fil
   *[other] { $files } filer
}; { $suggested } sparade som förslag bredvid en persons översättning; { $left } oförändrade.
mt-next = Maskinöversättningar är märkta för granskning: kör `tolk review`.
mt-dry-run-nothing = Inget att översätta.
mt-dry-run-lang = { $lang }: { $segments ->
    [one] { $segments } segment
   *[other] { $segments } segment
}, { $words } ord, { $characters } tecken, ungefär { $tokens } tokens
mt-dry-run-cost = uppskattad kostnad: { $cost }
mt-dry-run-known = { $count ->
    [one] { $count } segment
   *[other] { $count } segment
} besvarade av en tidigare körning, inte skickade igen
mt-dry-run-refused = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segment
} från { $file } skulle inte skickas: { $why }
mt-not-configured = [mt] i tolk.toml saknar { $what }
hint-mt-configure = ange provider = "openai", "deepl" eller "command" och dess base_url, model eller command (se README)
mt-no-key = miljövariabeln { $var } (api_key_env) är inte satt
mt-http = leverantören svarade HTTP { $status }: { $body }
mt-unreachable = leverantören svarade inte: { $why }
mt-bad-answer = leverantörens svar följer inte protokollet: { $why }
mt-command = översättningskommandot misslyckades: { $why }
refusal-page = svaret skulle få sidans kortkoder att skilja sig från den engelska sidans (anrop { $call }: den engelska har { $english }, sidan { $page })
refusal-shortcodes = { $file }:{ $line }: dess kortkoder nästlas inte som den engelska sidans (anrop { $call }: den engelska har { $english }, sidan { $page }), och var ett svar hör hemma går inte att avgöra: rätta det först
refusal-write = filen kunde inte skrivas ({ $detail })
refusal-lost = sidan skulle inte rymma { $key } där Hugo läser det
refusal-glued = { $file }:{ $line } har ett kodstaket efter prosa, så Hugo läser sidans text som kod och dess kod som text därifrån, och tolk kan inte avgöra var ett svar hör hemma: rätta den raden först
refusal-unreadable = sidan med svaret skulle inte kunna läsas igen ({ $detail })
mt-why-limit = inte skickat (--max-segments)
mt-why-placeholder-dropped = svaret tappade märkningen { $detail }
mt-why-placeholder-duplicated = svaret upprepar märkningen { $detail }
mt-why-placeholder-invented = svaret har märkning som segmentet inte har: { $detail }
mt-why-emphasis = svarets betoning stämmer inte med den engelska ({ $detail })
mt-why-line-break = svaret bryter raden eller blocket
mt-why-table-cell = svaret skulle lägga till en tabellcell
mt-why-empty = svaret är tomt
mt-why-content = svaret klarar inte en innehållskontroll ({ $detail })
mt-why-no-answer = leverantören gav inget svar på det

## tolk review
review-progress = { $left ->
    [one] { $left } maskinöversättning att granska
   *[other] { $left } maskinöversättningar att granska
}
review-label-source = Engelska:
review-label-machine = { $provider }:
review-prompt = a godkänn, e redigera, s hoppa över, q avsluta:
review-flag-cleared = { $file }: allt är granskat, maskinmärkningen är borttagen
review-done = Granskat: { $approved } godkända, { $edited } redigerade.
status-unreviewed = { $count ->
    [one] { $count } maskinöversättning att granska (tolk review)
   *[other] { $count } maskinöversättningar att granska (tolk review)
}

## tolk extract, tolk import
package-title = Titel:
package-headings = Under:
package-old-source = Översatt från:
package-diff = Vad som ändrades:
package-machine = Maskinöversättning, inte granskad:
extract-written = Skrev { $file }: { $units ->
    [one] { $units } enhet
   *[other] { $units } enheter
} ({ $untranslated } oöversatta, { $stale } inaktuella, { $unreviewed } maskinöversättningar att granska).
extract-tmx-written = Skrev { $file }: { $count ->
    [one] { $count } översättning
   *[other] { $count } översättningar
}.
extract-one-lang = ett arbetspaket är för ett språk: ange --lang en gång
import-tmx = { $file }: { $count ->
    [one] { $count } översättning
   *[other] { $count } översättningar
} lästa, { $new } nya, sparade som träffar för förslag.
import-refused = { $place }: enheten { $id } avvisad: { $why }
import-refused-page = { $place }: { $count ->
    [one] { $count } enhet
   *[other] { $count } enheter
} från { $posting } avvisade: { $why }
import-written = { $file }: { $count ->
    [one] { $count } översättning skriven
   *[other] { $count } översättningar skrivna
}
import-summary = Importerat: { $written } skrivna, { $confirmed } bekräftade som fortfarande riktiga, { $approved } maskinöversättningar godkända, { $unchanged } oförändrade, { $open } inte klara, { $refused } avvisade.
import-why-source-changed = den engelska texten har ändrats sedan paketet gjordes (gör ett nytt)
import-why-target-changed = översättningen i filen har ändrats sedan paketet gjordes och skrivs inte över (jämför de två, eller gör ett nytt paket)
import-why-no-segment = segmentet finns inte längre i annonsen
import-why-tag-missing = inline-taggen { $tag } saknas
import-why-tag-twice = inline-taggen { $tag } finns mer än en gång
import-why-tag-unknown = inline-taggen { $tag } finns inte i källan
import-why-content = översättningen klarar inte en innehållskontroll ({ $detail })
import-not-utf8 = { $place }: inte UTF-8; inget importerat
import-not-xml = { $place }: inte välformad XML ({ $what }); inget importerat
import-unknown-format = { $place }: varken XLIFF 1.2, PO eller TMX; inget importerat
import-version = { $place }: version ”{ $what }” (tolk läser XLIFF 1.2); inget importerat
import-unknown-id = { $place }: enheten ”{ $what }” är ingen annons i den här arbetsytan; inget importerat
import-duplicate = { $place }: enheten ”{ $what }” finns två gånger; inget importerat
import-missing = { $place }: ”{ $what }” saknas; inget importerat
import-language = { $place }: språket ”{ $what }” är inget målspråk här, eller skiljer sig mellan filerna; inget importerat
import-po = { $place }: ingen PO-post som tolk kan läsa ({ $what }); inget importerat
extract-left-out = { $count ->
    [one] { $count } segment är
   *[other] { $count } segment är
} redan ute i ett paket, inte skickade igen (--again skickar dem).
extract-refused = { $file }: { $count ->
    [one] { $count } segment
   *[other] { $count } segment
} är inte med i paketet, eftersom sidan inte skulle ta emot något svar: { $why }
status-in-package = { $count ->
    [one] { $count } segment ute i ett arbetspaket (tolk extract), inte importerat än
   *[other] { $count } segment ute i ett arbetspaket (tolk extract), inte importerade än
}

## merge
finding-conflict = segmentet { $key } översattes olika på två grenar: { $detail }
status-conflicts = { $count ->
    [one] { $count } segment översatt olika på två grenar (välj en i filen, kör sedan tolk sync)
   *[other] { $count } segment översatta olika på två grenar (välj en i filen, kör sedan tolk sync)
}
merge-summary = { $file }: slog ihop { $translations } översättningar och { $sources } engelska texter från den andra grenen, { $conflicts ->
    [0] ingen konflikt
    [one] { $conflicts } konflikt
   *[other] { $conflicts } konflikter
}
merge-conflict = { $posting } { $key } ({ $lang }): ”{ $ours }” / ”{ $theirs }”
why-branch-ours = översättningen på den här grenen (sammanslagningskonflikt)
why-branch-theirs = översättningen på grenen som slogs ihop (sammanslagningskonflikt)

## Usage errors (the command line did not parse).
usage-invalid-value = ogiltigt värde ”{ $value }” för { $arg }
usage-missing-value = { $arg } behöver ett värde
usage-value-validation = ogiltigt värde ”{ $value }” för { $arg }
usage-unknown-argument = oväntat argument ”{ $arg }”
usage-invalid-subcommand = inget kommando ”{ $name }”
usage-missing-argument = saknas: { $args }
usage-missing-subcommand = ett kommando behövs
usage-conflict = { $arg } kan inte användas tillsammans med { $other }
usage-values = fel antal värden för { $arg }
usage-other = { $message }
usage-did-you-mean = menade du ”{ $suggestion }”?
usage-possible-values = möjliga värden: { $values }
usage-more = Prova ”--help” för mer.
