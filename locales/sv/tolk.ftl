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
hint-prefix = tips
error-io-not-found = { $path }: filen finns inte
error-io-permission-denied = { $path }: åtkomst nekad
error-io-is-a-directory = { $path }: är en katalog, inte en fil
error-io-symlink-loop = { $path }: symboliska länkar bildar en slinga
error-io-other = { $path }: kan inte läsas: { $reason }
error-invalid-utf8 = { $path }:{ $line }: inte giltig UTF-8-text
hint-invalid-utf8 = spara filen som UTF-8
error-nul-byte = { $path }:{ $line }: innehåller en NUL-byte; inte en textfil
error-empty = { $path }: filen är tom
error-fm-unterminated = { $path }:{ $line }: { $format }-front matter som börjar här avslutas aldrig
hint-fm-unterminated = avsluta front matter med en rad som bara innehåller { $delim }
error-fm-invalid = { $path }:{ $line }: ogiltig { $format }-front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: nyckeln ”{ $key }” finns två gånger i front matter
hint-fm-duplicate = ta bort den ena; Hugo skulle bara behålla en
error-fm-not-mapping = { $path }:{ $line }: front matter är inte en lista med nycklar och värden
error-sc-unterminated = { $path }:{ $line }: en shortcode börjar här men tar aldrig slut
hint-sc-unterminated = avsluta anropet med >{"}}"} eller %{"}}"} och kontrollera citattecknen
error-sc-malformed = { $path }:{ $line }: en shortcode utan giltigt namn
error-sc-unexpected-close = { $path }:{ $line }: avslutande shortcode ”{ $name }” utan en inledande
hint-sc-unexpected-close = kontrollera att shortcodes stängs i omvänd ordning mot hur de öppnas
error-sc-unclosed = { $path }:{ $line }: shortcode ”{ $name }” öppnas här men stängs aldrig
warning-fm-lenient = { $path }:{ $line }: front matter är inte giltig YAML ({ $message }); läst rad för rad, som Hugo gör
