package cz.edeposit.amqp.wire;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.ValueWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A reply echoes the request's header value byte for byte, whatever form the daemon holds it in. */
class HeadersTest {

    @Test
    void echoedAsciiLongStringIsWrittenAsTheSameFieldBytes() throws IOException {
        byte[] everyAsciiByte = new byte[128];
        for (int i = 0; i < everyAsciiByte.length; i++) {
            everyAsciiByte[i] = (byte) i;
        }
        for (LongString value : new LongString[] {LongStringHelper.asLongString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
                LongStringHelper.asLongString(everyAsciiByte), LongStringHelper.asLongString(new byte[0])}) {
            assertArrayEquals(fieldBytes(value), fieldBytes(Headers.echoed(value)));
            assertEquals(Headers.uuidText(value), Headers.uuidText(Headers.echoed(value)));
        }
    }

    @Test
    void echoesLongStringWithOtherBytesAsItCame() {
        LongString value = LongStringHelper.asLongString(new byte[] {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xff});
        assertSame(value, Headers.echoed(value));
    }

    @Test
    void echoesOtherValuesAsTheyCame() {
        Integer number = 42;
        byte[] bytes = {1, 2};
        assertSame(number, Headers.echoed(number));
        assertSame(bytes, Headers.echoed(bytes));
        assertNull(Headers.echoed(null));
    }

    private static byte[] fieldBytes(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ValueWriter(new DataOutputStream(out)).writeFieldValue(value);
        return out.toByteArray();
    }
}
