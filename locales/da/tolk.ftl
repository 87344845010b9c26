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
hint-prefix = tip
error-io-not-found = { $path }: filen findes ikke
error-io-permission-denied = { $path }: adgang nægtet
error-io-is-a-directory = { $path }: er en mappe, ikke en fil
error-io-symlink-loop = { $path }: symbolske links danner en løkke
error-io-other = { $path }: kan ikke læses: { $reason }
error-invalid-utf8 = { $path }:{ $line }: ikke gyldig UTF-8-tekst
hint-invalid-utf8 = gem filen som UTF-8
error-nul-byte = { $path }:{ $line }: indeholder en NUL-byte; ikke en tekstfil
error-empty = { $path }: filen er tom
error-fm-unterminated = { $path }:{ $line }: { $format }-front matter, der starter her, afsluttes aldrig
hint-fm-unterminated = afslut front matter med en linje, der kun indeholder { $delim }
error-fm-invalid = { $path }:{ $line }: ugyldig { $format }-front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: nøglen “{ $key }” står to gange i front matter
hint-fm-duplicate = fjern den ene; Hugo ville kun beholde én
error-fm-not-mapping = { $path }:{ $line }: front matter er ikke en liste af nøgler og værdier
error-sc-unterminated = { $path }:{ $line }: en shortcode starter her, men slutter aldrig
hint-sc-unterminated = afslut kaldet med >{"}}"} eller %{"}}"} og tjek anførselstegnene
error-sc-malformed = { $path }:{ $line }: en shortcode uden et gyldigt navn
error-sc-unexpected-close = { $path }:{ $line }: afsluttende shortcode “{ $name }” uden en åbnende
hint-sc-unexpected-close = tjek at shortcodes lukkes i omvendt rækkefølge af åbningen
error-sc-unclosed = { $path }:{ $line }: shortcode “{ $name }” åbnes her, men lukkes aldrig
warning-fm-lenient = { $path }:{ $line }: front matter er ikke gyldig YAML ({ $message }); læst linje for linje, som Hugo gør
