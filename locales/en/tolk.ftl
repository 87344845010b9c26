## tolk's messages in English. Every id here must exist in da, sv and nb too (a test checks).

segments-count = { $count ->
    [one] { $count } segment
   *[other] { $count } segments
}
segments-header = { $path }: { segments-count }
segments-protected = protected

## Errors. { $path } and { $line } name the file and line.
error-prefix = error
warning-prefix = warning
hint-prefix = hint
error-io-not-found = { $path }: no such file
error-io-permission-denied = { $path }: permission denied
error-io-is-a-directory = { $path }: is a directory, not a file
error-io-symlink-loop = { $path }: symbolic links loop
error-io-other = { $path }: cannot be read: { $reason }
error-invalid-utf8 = { $path }:{ $line }: not valid UTF-8 text
hint-invalid-utf8 = save the file as UTF-8
error-nul-byte = { $path }:{ $line }: contains a NUL byte; not a text file
error-empty = { $path }: the file is empty
error-fm-unterminated = { $path }:{ $line }: the { $format } front matter starting here is never closed
hint-fm-unterminated = end the front matter with a line holding only { $delim }
error-fm-invalid = { $path }:{ $line }: invalid { $format } front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: the front matter key “{ $key }” appears twice
hint-fm-duplicate = remove one of them; Hugo would keep only one
error-fm-not-mapping = { $path }:{ $line }: the front matter is not a list of keys and values
error-sc-unterminated = { $path }:{ $line }: a shortcode call starts here but never ends
hint-sc-unterminated = close the call with >{"}}"} or %{"}}"} and check its quotes
error-sc-malformed = { $path }:{ $line }: a shortcode call without a valid name
error-sc-unexpected-close = { $path }:{ $line }: closing shortcode “{ $name }” without an opening one
hint-sc-unexpected-close = check that shortcodes are closed in the reverse order of opening
error-sc-unclosed = { $path }:{ $line }: shortcode “{ $name }” is opened here but never closed
warning-fm-lenient = { $path }:{ $line }: the front matter is not valid YAML ({ $message }); read line by line, as Hugo does
