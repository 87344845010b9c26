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
warning-merge-driver-missing = this clone has not set up tolk's merge driver, which .gitattributes names for { $memory }: git would merge the memory as a binary file that conflicts, and one side's translations are easily lost
hint-merge-driver-missing = run tolk init --git once in this clone (git does not clone its config)
hint-prefix = hint
error-io-not-found = { $path }: no such file
error-io-permission-denied = { $path }: permission denied
error-io-is-a-directory = { $path }: is a directory, not a file
error-io-symlink-loop = { $path }: symbolic links loop
error-io-not-a-directory = { $path }: a folder in its path is a file
error-io-other = { $path }: cannot be read: { $reason }
error-write-other = { $path }: cannot be written: { $reason }
error-invalid-utf8 = { $path }:{ $line }: not valid UTF-8 text
hint-invalid-utf8 = save the file as UTF-8
error-nul-byte = { $path }:{ $line }: contains a NUL byte; not a text file
error-empty = { $path }: the file is empty
error-no-postings = { $path }: the postings folder is not there (`postings` in tolk.toml)
hint-no-postings = run tolk in the workspace (or with -C DIR), set `postings` in tolk.toml, or start with tolk init or tolk adopt
error-conflict-markers = { $path }:{ $line }: a git merge conflict is not resolved (<<<<<<<, =======, >>>>>>> lines); Hugo would publish both sides and the markers
hint-conflict-markers = keep the right text, delete the marker lines, then run tolk again (`git status` lists the files in conflict)
error-too-large = { $path }: { $megabytes } MB is too large for a posting (at most 8 MB)
error-fm-unterminated = { $path }:{ $line }: the { $format } front matter starting here is never closed
hint-fm-unterminated = end the front matter with a line holding only { $delim }
hint-fm-json-unterminated = close the JSON object with the brace that matches its first one, outside any quotes (Hugo reads a page that starts with {"{"} as JSON front matter)
error-fm-invalid = { $path }:{ $line }: invalid { $format } front matter: { $message }
error-fm-duplicate = { $path }:{ $line }: the front matter key “{ $key }” appears twice
hint-fm-duplicate = remove one of them; Hugo would keep only one
error-fm-not-mapping = { $path }:{ $line }: the front matter is not a list of keys and values
error-sc-unterminated = { $path }:{ $line }: a shortcode call starts here but never ends
hint-sc-unterminated = close the call with >{"}}"} or %{"}}"} and check its quotes
error-sc-malformed = { $path }:{ $line }: a shortcode call without a valid name
error-sc-unquoted = { $path }:{ $line }: Hugo cannot read this shortcode call: “{ $char }” outside quotes
hint-sc-unquoted = quote a parameter that holds such characters, and end the call as it began ({"{{"}< with >{"}}"}, {"{{"}% with %{"}}"})
error-sc-mixed-params = { $path }:{ $line }: a shortcode call with both named and positional parameters, which Hugo refuses
error-sc-unexpected-close = { $path }:{ $line }: closing shortcode “{ $name }” without an opening one
hint-sc-unexpected-close = check that shortcodes are closed in the reverse order of opening
error-sc-unclosed = { $path }:{ $line }: shortcode “{ $name }” is opened here but never closed
warning-fm-lenient = { $path }:{ $line }: the front matter is not valid YAML ({ $message }); read line by line, as Hugo does
warning-sc-mismatched-close = { $path }:{ $line }: the closing shortcode “{ $name }” ends “{ $open }” opened on line { $open_line } (Hugo does not check the closing name)
warning-fm-duplicate = { $path }:{ $line }: the front matter key “{ $key }” is given again (first on line { $first_line }); the last value counts, as in Hugo

## Status.
col-posting = POSTING
col-lang = LANG
col-state = STATE
col-current = CURRENT
col-stale = STALE
col-untranslated = UNTRANSLATED
state-current = current
state-stale = stale
state-incomplete = incomplete
state-missing = missing
state-orphaned = orphaned
state-error = error
status-next = { $lang }: see what changed with `tolk diff --lang { $lang }`, then translate with `tolk translate { $path } --lang { $lang }`
status-summary = { $lang }: { $percent }% current, { $stale ->
    [one] { $stale } stale segment
   *[other] { $stale } stale segments
}, { $untranslated } untranslated

## init, sync.
init-config-written = Wrote { $path } with the default settings.
init-config-exists = { $path } exists; left as it is.
init-memory-ready = The translation memory is { $path }.
init-git-file = Added the lines tolk needs to { $path }.
init-git-textconv = git diff of the memory now runs: { $command } (each clone sets this once: tolk init --git)
error-git-config = git config failed: { $message }
hint-init-no-git = install git, or run tolk init without --git
sync-summary = Synced { $postings ->
    [one] { $postings } posting
   *[other] { $postings } postings
}: { $versions } new source texts, { $translations ->
    [one] { $translations } translation recorded
   *[other] { $translations } translations recorded
}.
sync-carried = { $file }: carried { $count ->
    [one] { $count } change of links or code
   *[other] { $count } changes of links or code
} over from the source.
warning-unaligned = { $path }:{ $line }: segment { $key } matches nothing in the source posting
warning-orphan = { $path }: the source posting no longer exists (orphaned translation)

## Configuration and memory errors.
error-config = { $path }:{ $line }: { $detail }
error-config-language = { $path }:{ $line }: “{ $detail }” is not a BCP 47 language code tolk accepts (use nb for Norwegian Bokmål)
error-config-source-in-targets = { $path }:{ $line }: the source language { $detail } is also a target
error-config-glob = { $path }:{ $line }: “{ $detail }” is not a valid pattern
hint-config = see the defaults with `tolk init` in an empty folder
error-tm-open = { $path }: the translation memory cannot be opened: { $reason }
error-tm-not-a-memory = { $path }: not a tolk translation memory
hint-tm-not-a-memory = move it aside; `tolk sync` makes a new one
error-tm-newer = { $path }: made by a newer tolk (schema { $found }; this tolk knows { $supported })
hint-tm-newer = update tolk; the memory was left as it is
error-tm-older = { $path }: made by an older tolk (schema { $found }); run `tolk sync` to upgrade it
error-tm-locked = { $path }: the translation memory is locked by another tolk
hint-tm-locked = wait for the other run to end, then try again
error-tm-sql = { $path }: the translation memory failed: { $reason }

## diff.
lang-en = English
lang-da = Danish
lang-sv = Swedish
lang-nb = Norwegian
change-cosmetic = cosmetic
change-edited = edited
change-rewritten = rewritten
diff-state-stale = stale ({ $change })
diff-state-untranslated = untranslated
diff-insert-after = { $file }, after line { $line }
diff-label-english = English
diff-label-suggestions = Suggestions
diff-no-suggestions = none in the memory
diff-nothing = Nothing to do in { $lang }: every translation is current.
diff-missing = { $file }: no translation yet; `tolk new { $path } --lang { $lang }` creates it
why-context = same English under the same heading, in { $posting }
why-exact = same English, in { $posting }
why-fuzzy = similar English, in { $posting }: { $diff }

## accept.
accept-summary = { $file }: accepted { $count ->
    [one] { $count } translation
   *[other] { $count } translations
} as correct for today's English.
warning-accept-not-stale = segment { $key } is not stale; nothing to accept

## new, translate.
new-created = Created { $file }: { $filled } segments from the memory, { $left ->
    [one] { $left } left in English
   *[other] { $left } left in English
}.
translate-progress = { $left ->
    [one] { $left } segment to go
   *[other] { $left } segments to go
}
translate-prompt = { $count ->
    [0] e edit, k keep, s skip, q quit:
    [one] 1 take the suggestion, e edit, k keep, s skip, q quit:
   *[other] 1-{ $count } take a suggestion, e edit, k keep, s skip, q quit:
}
translate-edit-prompt = New text:
translate-unknown-answer = “{ $answer }” is not an answer here.
translate-done = { $file }: nothing left to translate ({ $answered } answered).
error-file-exists = { $path }: exists already
error-no-source = { $path }: there is no source posting with this path
error-answer-refused = { $path }: the answer is not written: { $why }
error-no-segment = { $path }: no segment { $key }

## check, reports.
verdict-pass = pass
verdict-warn = warn
verdict-fail = fail
check-language = { $lang }: { $verdict } ({ $percent }% current)
check-passed = The check passed ({ $warn ->
    [one] { $warn } posting with warnings
   *[other] { $warn } postings with warnings
}).
check-failed = The check failed: { $fail ->
    [one] { $fail } posting fails
   *[other] { $fail } postings fail
}, { $warn } only warn.
check-unreadable = The check could not be made: { $count ->
    [one] { $count } file
   *[other] { $count } files
} could not be read (above).
finding-missing = no translation file
finding-orphaned = its source posting is gone
finding-untranslated = segment { $key } is not translated
finding-stale = segment { $key } is stale ({ $change }, { $days ->
    [one] { $days } day
   *[other] { $days } days
})
finding-below-minimum = only { $percent }% current
finding-unaligned = segment { $key } matches nothing in the source
finding-obsolete = segment { $key } translates English that is gone: delete it from the translation
md-title = Translations
md-verdict = Verdict
md-language-postings = { $lang }: postings to look at
html-title = Translation status
html-untranslated = untranslated
html-filter-lang = Language
html-filter-state = State
html-filter-all = All
html-filter-search = Posting
html-filter-shown = Postings shown:
html-back = ← All postings
html-col-segment = Segment
html-col-changed = Changed in the English
segment-state-current = current
segment-state-carried = carried (protected change applied)
segment-state-stale = stale
segment-state-untranslated = untranslated
segment-state-obsolete = obsolete (the English is gone)
report-written = Wrote { $path }, { $pages ->
    [one] { $pages } posting page
   *[other] { $pages } posting pages
} and { $badges ->
    [one] { $badges } badge
   *[other] { $badges } badges
}.

## export.
export-written = wrote { $path }
export-removed = removed { $path } (its source posting is gone)
export-held = held back { $path } (too little of it is current)
export-summary = { $changed ->
    [one] { $changed } file written
   *[other] { $changed } files written
}, { $unchanged } unchanged.
export-summary-dry = { $changed ->
    [one] { $changed } file would change
   *[other] { $changed } files would change
}, { $unchanged } unchanged.
error-export-hand-edited = { $path }: changed by hand since tolk wrote it; left as it is
hint-export-hand-edited = `tolk export --force` overwrites it
error-export-outside = { $path }: outside the target folder (through .. or a symbolic link); not written
error-export-unreadable = { $path }: not written: the page would not read again ({ $detail })
error-export-skeleton = { $path }: not written: its shortcodes would not nest as the English page's (call { $call }: the English has { $english }, the page { $page })
error-export-unsafe = { $path }: not written: the block at line { $line } ({ $key }) of the translation matches no English block and adds a script, an event handler, a javascript: URL or an element that loads another page (iframe, form, meta...)
hint-export-refused = the file on the site is left as it was; `tolk status` names the translation's unaligned blocks
export-nothing = nothing

## adopt.
adopt-summary = Adopted { $dir } ({ $layout } layout): { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}; { $adopted } adopted, { $single } in one language only, { $orphans } orphaned, { $unaligned } not fully aligned, { $other } not taken.
adopt-single = in one language only ({ $lang }): { $path }
adopt-orphan = orphaned (no source page) in { $langs }: { $path }
adopt-unaligned = not fully aligned: { $path }: { $count ->
    [one] { $count } segment matches
   *[other] { $count } segments match
} nothing in the source ({ $segments })
adopt-unreadable = not taken: { $path }: { $reason }
adopt-conflict = not taken: { $path } already exists in the workspace with other content
adopt-export-to = `tolk export` writes into { $to } (`to` under [export] in tolk.toml); into the adopted folder: tolk export --to { $dir }{ $layout }
adopt-findings = { $count ->
    [one] { $count } finding
   *[other] { $count } findings
}; { $git ->
    [one] { $git } translation
   *[other] { $git } translations
} recorded against the source they were made from (git).
finding-key-case = { $path }: the key { $key } is written { $variants }
finding-wrong-language = { $path } ({ $lang }): language is “{ $value }”
finding-translated-value = { $path } ({ $lang }): { $key } is “{ $value }” where the source has “{ $source }” (not text, translated anyway)
finding-glued-fence = { $path } ({ $lang }), line { $line }: a code fence glued to the end of a prose line
finding-lenient = { $path } ({ $lang }), line { $line }: front matter that is not valid YAML
error-no-git = git is not on PATH
hint-no-git = install git, or adopt without --git
error-not-a-repository = { $path }: not in a git repository
error-shallow-repository = { $path }: a shallow clone of its repository: the English each translation was made from is not in its history, so every translation would be taken as current
hint-shallow-repository = run `git fetch --unshallow` there first (in CI: check out the whole history, e.g. fetch-depth: 0), or adopt without --git
error-outside-workspace = { $path }: not a posting path inside the workspace (no .. or leading /)
error-no-such-posting = { $path }: no posting of that name in any language folder
hint-no-such-posting = `tolk status` lists the postings; a path is inside a language folder (career/x.md) or a file (postings/da/career/x.md)
error-unknown-lang = “{ $lang }” is not a language of this workspace (it has { $langs })
error-bad-now = TOLK_NOW is “{ $value }”, not a time such as 2026-11-28T12:00:00Z

## Content checks on translations.
problem-protected-missing = segment { $key }: “{ $detail }” of the source is not in the translation
problem-script = segment { $key }: the translation adds a <script>
problem-javascript-url = segment { $key }: the translation adds a javascript: URL
problem-event-handler = segment { $key }: the translation adds an event handler ({ $detail })
problem-active-html = segment { $key }: the translation adds an element that loads another page or sends the reader elsewhere ({ $detail })
problem-extra-html = segment { $key }: the translation adds HTML the source does not have ({ $detail })
problem-number-missing = segment { $key }: the number { $detail } of the source is not in the translation
problem-glued-fence = segment { $key }: a code fence glued to the end of a prose line
problem-empty = segment { $key }: the translation is empty
problem-same-as-source = segment { $key }: the translation is the source text itself
problem-translated-value = { $key }: a value that is not text was translated ({ $detail })
problem-shortcodes-differ = the shortcodes do not nest as the source's from call { $detail } (source / translation); tolk export will not write this page

## Machine translation: review and glossary
finding-unreviewed = segment { $key } is a machine translation no person has reviewed
problem-glossary-kept = segment { $key }: “{ $detail }” must stay as it is (glossary)
problem-glossary-term = segment { $key }: the glossary says { $detail }
problem-glossary-forbidden = segment { $key }: “{ $detail }” is a translation the glossary forbids

## tolk mt
why-machine = machine translation by { $provider }, not written over a person's translation
mt-created = { $file }: created from the memory, the rest to translate
mt-request-failed = a request for { $lang } with { $count ->
    [one] { $count } segment
   *[other] { $count } segments
} failed, left as they were: { $error }
mt-left = { $lang }: { $place }: segment { $key } left as it was: { $why }
mt-left-page = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segments
} of { $file } left as they were: { $why }
mt-reused = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
} of an earlier run used, not sent again.
mt-summary = Sent { $sent ->
    [one] { $sent } segment
   *[other] { $sent } segments
} in { $requests ->
    [one] { $requests } request
   *[other] { $requests } requests
}; wrote { $written } into { $files ->
    [one] { $files } file
   *[other] { $files } files
}; { $suggested } kept as suggestions beside a person's translation; { $left } left as they were.
mt-next = Machine translations are marked for review: run `tolk review`.
mt-dry-run-nothing = Nothing to translate.
mt-dry-run-lang = { $lang }: { $segments ->
    [one] { $segments } segment
   *[other] { $segments } segments
}, { $words } words, { $characters } characters, about { $tokens } tokens
mt-dry-run-cost = estimated cost: { $cost }
mt-dry-run-known = { $count ->
    [one] { $count } segment
   *[other] { $count } segments
} answered by an earlier run, not sent again
mt-dry-run-refused = { $lang }: { $count ->
    [one] { $count } segment
   *[other] { $count } segments
} of { $file } would not be sent: { $why }
mt-not-configured = [mt] in tolk.toml has no { $what }
hint-mt-configure = set provider = "openai", "deepl" or "command" and its base_url, model or command (see the README)
mt-no-key = the environment variable { $var } (api_key_env) is not set
mt-http = the provider answered HTTP { $status }: { $body }
mt-unreachable = the provider did not answer: { $why }
mt-bad-answer = the provider's answer is not what its protocol says: { $why }
mt-command = the translation command failed: { $why }
refusal-page = the answer would part the page's shortcodes from the English's (call { $call }: the English has { $english }, the page { $page })
refusal-shortcodes = { $file }:{ $line }: its shortcodes do not nest as the English's (call { $call }: the English has { $english }, the page { $page }), and where an answer goes cannot be told: mend that first
refusal-write = the file could not be written ({ $detail })
refusal-lost = the page would not hold { $key } where Hugo reads it
refusal-glued = { $file }:{ $line } has a code fence after prose, so Hugo reads the page's text as code and its code as text from there, and tolk cannot tell where an answer goes: mend that line first
refusal-unreadable = the page with the answer would not be read again ({ $detail })
mt-why-limit = not sent (--max-segments)
mt-why-placeholder-dropped = the answer dropped the markup { $detail }
mt-why-placeholder-duplicated = the answer repeats the markup { $detail }
mt-why-placeholder-invented = the answer has markup the segment has not: { $detail }
mt-why-emphasis = the answer's emphasis does not pair as the English's ({ $detail })
mt-why-line-break = the answer breaks the line or the block
mt-why-table-cell = the answer would add a table cell
mt-why-empty = the answer is empty
mt-why-content = the answer fails a content check ({ $detail })
mt-why-no-answer = the provider gave no answer for it

## tolk review
review-progress = { $left ->
    [one] { $left } machine translation to review
   *[other] { $left } machine translations to review
}
review-label-source = English:
review-label-machine = { $provider }:
review-prompt = a approve, e edit, s skip, q quit:
review-flag-cleared = { $file }: everything reviewed, the machine-made flag is taken off
review-done = Reviewed: { $approved } approved, { $edited } edited.
status-unreviewed = { $count ->
    [one] { $count } machine translation to review (tolk review)
   *[other] { $count } machine translations to review (tolk review)
}

## tolk extract, tolk import
package-title = Title:
package-headings = Under:
package-old-source = Translated from:
package-diff = What changed:
package-machine = Machine translation, not reviewed:
extract-written = Wrote { $file }: { $units ->
    [one] { $units } unit
   *[other] { $units } units
} ({ $untranslated } untranslated, { $stale } stale, { $unreviewed } machine translations to review).
extract-tmx-written = Wrote { $file }: { $count ->
    [one] { $count } translation
   *[other] { $count } translations
}.
extract-one-lang = a work package is for one language: give --lang once
import-tmx = { $file }: { $count ->
    [one] { $count } translation
   *[other] { $count } translations
} read, { $new } new, kept as matches for suggestions.
import-refused = { $place }: unit { $id } refused: { $why }
import-refused-page = { $place }: { $count ->
    [one] { $count } unit
   *[other] { $count } units
} of { $posting } refused: { $why }
import-written = { $file }: { $count ->
    [one] { $count } translation written
   *[other] { $count } translations written
}
import-summary = Imported: { $written } written, { $confirmed } confirmed as still correct, { $approved } machine translations approved, { $unchanged } unchanged, { $open } not done yet, { $refused } refused.
import-why-source-changed = the English changed since the package was made (make a new one)
import-why-target-changed = the translation in the file was changed since the package was made, and is not overwritten (compare the two, or make a new package)
import-why-no-segment = the segment is no longer in the posting
import-why-tag-missing = inline tag { $tag } is missing
import-why-tag-twice = inline tag { $tag } is there more than once
import-why-tag-unknown = inline tag { $tag } is not in the source
import-why-content = the translation fails a content check ({ $detail })
import-not-utf8 = { $place }: not UTF-8; nothing imported
import-not-xml = { $place }: not well-formed XML ({ $what }); nothing imported
import-unknown-format = { $place }: neither XLIFF 1.2, PO nor TMX; nothing imported
import-version = { $place }: version “{ $what }” (tolk reads XLIFF 1.2); nothing imported
import-unknown-id = { $place }: unit “{ $what }” is no posting of this workspace; nothing imported
import-duplicate = { $place }: unit “{ $what }” is there twice; nothing imported
import-missing = { $place }: “{ $what }” is missing; nothing imported
import-language = { $place }: language “{ $what }” is not a target of this workspace, or differs between files; nothing imported
import-po = { $place }: not a PO entry tolk can read ({ $what }); nothing imported
extract-left-out = { $count ->
    [one] { $count } segment is
   *[other] { $count } segments are
} out in a package already, not sent again (--again sends them).
extract-refused = { $file }: { $count ->
    [one] { $count } segment
   *[other] { $count } segments
} left out of the package, since the page would take no answer: { $why }
status-in-package = { $count ->
    [one] { $count } segment out in a work package (tolk extract), not imported yet
   *[other] { $count } segments out in a work package (tolk extract), not imported yet
}

## merge
finding-conflict = segment { $key } was translated differently on two branches: { $detail }
status-conflicts = { $count ->
    [one] { $count } segment translated differently on two branches (pick one in the file, then tolk sync)
   *[other] { $count } segments translated differently on two branches (pick one in the file, then tolk sync)
}
merge-summary = { $file }: merged { $translations } translations and { $sources } English texts from the other branch, { $conflicts ->
    [0] no conflict
    [one] { $conflicts } conflict
   *[other] { $conflicts } conflicts
}
merge-conflict = { $posting } { $key } ({ $lang }): “{ $ours }” / “{ $theirs }”
why-branch-ours = the translation on this branch (merge conflict)
why-branch-theirs = the translation on the branch merged in (merge conflict)

## Usage errors (the command line did not parse).
usage-invalid-value = invalid value “{ $value }” for { $arg }
usage-missing-value = { $arg } needs a value
usage-value-validation = invalid value “{ $value }” for { $arg }
usage-unknown-argument = unexpected argument “{ $arg }”
usage-invalid-subcommand = no command “{ $name }”
usage-missing-argument = missing: { $args }
usage-missing-subcommand = a command is needed
usage-conflict = { $arg } cannot be used with { $other }
usage-values = wrong number of values for { $arg }
usage-other = { $message }
usage-did-you-mean = did you mean “{ $suggestion }”?
usage-possible-values = possible values: { $values }
usage-more = For more, try “--help”.
