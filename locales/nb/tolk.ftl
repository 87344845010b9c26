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
hint-prefix = tips
error-io-not-found = { $path }: filen finnes ikke
error-io-permission-denied = { $path }: ingen tilgang
error-io-is-a-directory = { $path }: er en mappe, ikke en fil
error-io-symlink-loop = { $path }: symbolske lenker danner en løkke
error-io-other = { $path }: kan ikke leses: { $reason }
error-invalid-utf8 = { $path }:{ $line }: ikke gyldig UTF-8-tekst
hint-invalid-utf8 = lagre filen som UTF-8
error-nul-byte = { $path }:{ $line }: inneholder en NUL-byte; ikke en tekstfil
error-empty = { $path }: filen er tom
error-fm-unterminated = { $path }:{ $line }: { $format }-front matter som starter her, avsluttes aldri
hint-fm-unterminated = avslutt front matter med en linje som bare inneholder { $delim }
error-fm-invalid = { $path }:{ $line }: ugyldig { $format }-front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: nøkkelen «{ $key }» står to ganger i front matter
hint-fm-duplicate = fjern den ene; Hugo ville bare beholde én
error-fm-not-mapping = { $path }:{ $line }: front matter er ikke en liste med nøkler og verdier
error-sc-unterminated = { $path }:{ $line }: en shortcode starter her, men slutter aldri
hint-sc-unterminated = avslutt kallet med >{"}}"} eller %{"}}"} og sjekk anførselstegnene
error-sc-malformed = { $path }:{ $line }: en shortcode uten gyldig navn
error-sc-unexpected-close = { $path }:{ $line }: avsluttende shortcode «{ $name }» uten en åpnende
hint-sc-unexpected-close = sjekk at shortcodes lukkes i motsatt rekkefølge av åpningen
error-sc-unclosed = { $path }:{ $line }: shortcode «{ $name }» åpnes her, men lukkes aldri
warning-fm-lenient = { $path }:{ $line }: front matter er ikke gyldig YAML ({ $message }); lest linje for linje, slik Hugo gjør
