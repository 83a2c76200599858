package ai.gue.cli;

/**
 * Marks a command that trains or runs networks through libtorch: {@link Main} checks the machine's
 * convolution kernels ({@link ai.gue.train.ConvolutionKernelCheck}) before it runs one, because a
 * wrong kernel gives wrong numbers without any error.
 */
interface ComputesWithLibtorch {}
