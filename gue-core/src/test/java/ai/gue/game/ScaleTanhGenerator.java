package ai.gue.game;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/** A one-parameter generator, G_a(x) = tanh(a·x) elementwise, whose gradients are known in closed form. */
final class ScaleTanhGenerator extends AbstractBlock {

    private final Parameter scale;

    ScaleTanhGenerator(float initialScale) {
        super((byte) 1);
        scale = addParameter(Parameter.builder().setName("scale").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(initialScale)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        var a = parameterStore.getValue(scale, x.getDevice(), training);
        return new NDList(x.mul(a).tanh());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {}
}
