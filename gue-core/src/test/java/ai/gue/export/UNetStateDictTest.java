package ai.gue.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.gue.model.Initialization;
import ai.gue.model.ParameterCounter;
import ai.gue.model.UNetGenerator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UNetStateDictTest {

    /** Every DJL parameter has exactly one PyTorch key with DJL's own shape, and nothing else is mapped. */
    @ParameterizedTest
    @CsvSource({"3, 4", "1, 3"})
    void everyParameterIsMappedOnceWithItsShape(int channels, int width) {
        List<UNetStateDict.Tensor> layout = UNetStateDict.layout(channels, width);
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(channels, width), manager,
                    new Shape(1, channels, 16, 16));
            Map<String, Parameter> djl = new HashMap<>();
            for (Pair<String, Parameter> p : generator.getParameters()) {
                djl.put(p.getKey(), p.getValue());
            }
            Set<String> mapped = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (UNetStateDict.Tensor t : layout) {
                assertTrue(mapped.add(t.djlName()), "mapped twice: " + t.djlName());
                assertTrue(keys.add(t.torchKey()), "key twice: " + t.torchKey());
                Parameter p = djl.get(t.djlName());
                assertNotNull(p, "no DJL parameter " + t.djlName());
                assertArrayEquals(p.getArray().getShape().getShape(), t.shape(), t.toString());
                boolean buffer = p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
                assertEquals(buffer ? UNetStateDict.Role.BUFFER : UNetStateDict.Role.PARAMETER, t.role(), t.toString());
            }
            assertEquals(djl.keySet(), mapped, "no parameter left unmapped");
            assertEquals(ParameterCounter.count(generator), UNetStateDict.parameterCount(layout));
        }
    }

    /** The published width, from the key/shape list alone: the authors' 7,788,681 parameters. */
    @Test
    void width64HasTheAuthorsParameterCountAndKeys() {
        List<UNetStateDict.Tensor> layout = UNetStateDict.layout(3, 64);
        assertEquals(7_788_681L, UNetStateDict.parameterCount(layout));
        assertEquals(7 * 12 + 6, layout.size(), "7 double_convs of 12 tensors, conv_last 2 + 4");
        Map<String, long[]> shapes = layout.stream()
                .collect(Collectors.toMap(UNetStateDict.Tensor::torchKey, UNetStateDict.Tensor::shape));
        assertArrayEquals(new long[] {64, 3, 3, 3}, shapes.get("dconv_down1.0.weight"));
        assertArrayEquals(new long[] {512, 512, 3, 3}, shapes.get("dconv_down4.3.weight"));
        assertArrayEquals(new long[] {256, 768, 3, 3}, shapes.get("dconv_up3.0.weight"));
        assertArrayEquals(new long[] {128, 384, 3, 3}, shapes.get("dconv_up2.0.weight"));
        assertArrayEquals(new long[] {64, 192, 3, 3}, shapes.get("dconv_up1.0.weight"));
        assertArrayEquals(new long[] {64}, shapes.get("dconv_up1.4.running_var"));
        assertArrayEquals(new long[] {3, 64, 1, 1}, shapes.get("conv_last.0.weight"));
        assertArrayEquals(new long[] {3}, shapes.get("conv_last.1.running_mean"));
        assertEquals(List.of("dconv_down1.0.weight", "dconv_down1.0.bias", "dconv_down1.1.weight", "dconv_down1.1.bias",
                "dconv_down1.1.running_mean", "dconv_down1.1.running_var", "dconv_down1.3.weight"),
                layout.subList(0, 7).stream().map(UNetStateDict.Tensor::torchKey).toList(), "state_dict order");
        assertEquals("conv_last.1.running_var", layout.get(layout.size() - 1).torchKey());
        // Only the first convolution of each up block has its input channels reordered: skip = 4w, 2w, w.
        Map<String, Integer> skips = layout.stream().filter(t -> t.skipChannels() > 0)
                .collect(Collectors.toMap(UNetStateDict.Tensor::torchKey, UNetStateDict.Tensor::skipChannels));
        assertEquals(Map.of("dconv_up3.0.weight", 256, "dconv_up2.0.weight", 128, "dconv_up1.0.weight", 64), skips);
    }
}
