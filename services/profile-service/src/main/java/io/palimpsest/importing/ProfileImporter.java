package io.palimpsest.importing;

import io.palimpsest.model.ProfileDocument;
import org.springframework.stereotype.Component;

/** One entry point for imports whatever the content type claims: the text itself says which layout it is in. */
@Component
public class ProfileImporter {

    private final PageTextParser pageTextParser;
    private final MarkdownParser markdownParser;

    public ProfileImporter(PageTextParser pageTextParser, MarkdownParser markdownParser) {
        this.pageTextParser = pageTextParser;
        this.markdownParser = markdownParser;
    }

    /**
     * Reads our Markdown export or the directory's page text.
     *
     * @throws UnreadableProfileException when the text is neither
     */
    public ProfileDocument parse(String text) {
        return isMarkdown(text) ? markdownParser.parse(text) : pageTextParser.parse(text);
    }

    /** Our Markdown opens with "# Name"; page text opens with a breadcrumb or the bare name, never with "# ". */
    public static boolean isMarkdown(String text) {
        return text != null && text.replaceFirst("^\uFEFF", "").stripLeading().startsWith("# ");
    }
}
