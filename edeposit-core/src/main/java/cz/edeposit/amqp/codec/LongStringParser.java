package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * The parser over a {@link SplicedReader}: where the text holds a placeholder, the string value
 * is the long string it stands for, decoded only when the parser reaches it, so errors come in
 * the order Jackson would report them.
 *
 * <p>Placeholders are taken strictly in body order and each is decoded once: a string in the
 * message that looks like one (it would have to guess the random prefix) cannot make the decoder
 * copy a long string twice.
 */
final class LongStringParser extends JsonParserDelegate {

    private final LongStrings longStrings;
    private final String prefix;
    private final int maxChars;
    private int next;
    private String lastPlaceholder;
    private String lastValue;

    LongStringParser(JsonParser parser, LongStrings longStrings, String prefix, int maxChars) {
        super(parser);
        this.longStrings = longStrings;
        this.prefix = prefix;
        this.maxChars = maxChars;
    }

    @Override
    public String getText() throws IOException {
        return resolve(delegate.getText());
    }

    @Override
    public String getValueAsString() throws IOException {
        return resolve(delegate.getValueAsString());
    }

    @Override
    public String getValueAsString(String defaultValue) throws IOException {
        return resolve(delegate.getValueAsString(defaultValue));
    }

    // The character accessors would expose the placeholder: answer them from the value instead.
    @Override
    public boolean hasTextCharacters() {
        return !atPlaceholder() && delegate.hasTextCharacters();
    }

    @Override
    public char[] getTextCharacters() throws IOException {
        return atPlaceholder() ? getText().toCharArray() : delegate.getTextCharacters();
    }

    @Override
    public int getTextLength() throws IOException {
        return atPlaceholder() ? getText().length() : delegate.getTextLength();
    }

    @Override
    public int getTextOffset() throws IOException {
        return atPlaceholder() ? 0 : delegate.getTextOffset();
    }

    private boolean atPlaceholder() {
        try {
            String text = delegate.currentToken() == JsonToken.VALUE_STRING ? delegate.getText() : null;
            return text != null && (text.equals(lastPlaceholder) || isNext(text));
        } catch (IOException e) {
            return false; // the accessor itself will report it
        }
    }

    private boolean isNext(String text) {
        return next < longStrings.count() && text.equals(SplicedReader.placeholder(prefix, next));
    }

    private String resolve(String text) throws IOException {
        if (text == null || delegate.currentToken() != JsonToken.VALUE_STRING || !text.startsWith(prefix)) {
            return text;
        }
        if (text.equals(lastPlaceholder)) {
            return lastValue; // the same token asked again
        }
        if (!isNext(text)) {
            return text;
        }
        lastValue = longStrings.decode(next, maxChars, this);
        lastPlaceholder = text;
        next++;
        return lastValue;
    }
}
