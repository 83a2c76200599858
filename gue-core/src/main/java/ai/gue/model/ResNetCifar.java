package ai.gue.model;

import ai.djl.nn.Block;

/** Placeholder until the architecture lands (being written in parallel). */
final class ResNetCifar {
    private ResNetCifar() {}
    static Block resnet18(int classCount, double widthMultiplier) {
        throw new UnsupportedOperationException("ResNetCifar.resnet18 not written yet");
    }
    static Block resnet50(int classCount, double widthMultiplier) {
        throw new UnsupportedOperationException("ResNetCifar.resnet50 not written yet");
    }
}
