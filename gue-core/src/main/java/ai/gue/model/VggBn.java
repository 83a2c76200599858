package ai.gue.model;

import ai.djl.nn.Block;

/** Placeholder until the architecture lands (being written in parallel). */
final class VggBn {
    private VggBn() {}
    static Block vgg16(int classCount, double widthMultiplier) {
        throw new UnsupportedOperationException("VggBn.vgg16 not written yet");
    }
}
