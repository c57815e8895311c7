package org.zaqar.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values come from Python 3: "MD5:" + md5(json.dumps(body)). */
class ChecksumTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"event":"perf","n":1}                  | MD5:db6cc1c8656c4dc7f35e80957fa3909f
            "hello"                                 | MD5:5deaee1c1332199e5b5bc7c5e4f7f0c2
            [1,2.5,"\u00e9"]                        | MD5:a072381bb23fc93f30220cbfac7842eb
            {"a":{"b":[true,null,1e20,0.1]}}        | MD5:e3b4b42a33df5348438b29486160a487
            12                                      | MD5:c20ad4d76fe97759aa27a0c99bff6710
            "tab\\there\\u2603\\ud83d\\ude00"       | MD5:230e77688e223e91a855e7c2511a2315
            """)
    void matchesUpstreamPythonChecksum(String body, String expected) throws Exception {
        assertEquals(expected, Checksum.of(JSON.readTree(body)));
    }

    @ParameterizedTest
    @CsvSource({"1.0,1.0", "0.1,0.1", "1e20,1e+20", "1.5e-7,1.5e-07", "123456.789,123456.789", "1e16,1e+16",
            "1e15,1000000000000000.0", "-2.5,-2.5", "0.0001,0.0001", "0.00001,1e-05"})
    void formatsFloatsLikePythonRepr(double value, String expected) {
        assertEquals(expected, Checksum.pythonFloat(value));
    }
}
