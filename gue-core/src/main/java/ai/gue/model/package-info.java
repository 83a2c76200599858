/**
 * Networks and their checkpoints: the victim/follower classifiers ({@link ai.gue.model.ClassifierArch}:
 * CIFAR ResNet-18/50, VGG-16-BN, DenseNet, WRN-28-10, a small CPU network), the UNet poison generator
 * ({@link ai.gue.model.UNetGenerator}), PyTorch-default initialisation ({@link
 * ai.gue.model.Initialization}), parameter counting ({@link ai.gue.model.ParameterCounter}) and
 * verified checkpoints ({@link ai.gue.model.ModelCheckpoint}, {@link ai.gue.model.ModelSpec}).
 *
 * <p>Every network maps a float (N, C, H, W) batch to its output; BatchNorm layers use PyTorch's
 * epsilon 1e-5 and momentum 0.1.
 */
package ai.gue.model;
