package io.palimpsest.importing;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.palimpsest.model.ProfileDocument;

/**
 * Reads an imported text as what it is: our Markdown export (declared as text/markdown, or plain
 * text that opens with a Markdown heading) or the directory's page text.
 */
@Component
class ProfileTexts {

    private final PageTextParser pageText;
    private final MarkdownParser markdown;

    ProfileTexts(PageTextParser pageText, MarkdownParser markdown) {
        this.pageText = pageText;
        this.markdown = markdown;
    }

    ProfileDocument parse(String text, MediaType contentType) {
        boolean declaredMarkdown = "markdown".equalsIgnoreCase(contentType.getSubtype());
        return declaredMarkdown || text.stripLeading().startsWith("# ") ? markdown.parse(text) : pageText.parse(text);
    }
}
