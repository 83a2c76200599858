/**
 * Interoperability with PyTorch: the trained generator as a safetensors file whose tensor names are
 * the GUE authors' UNet {@code state_dict} keys ({@link ai.gue.export.GeneratorExport}, {@link
 * ai.gue.export.UNetStateDict}), written and read by small self-contained codecs ({@link
 * ai.gue.export.SafetensorsWriter}, {@link ai.gue.export.SafetensorsReader}). The format is
 * documented in docs/export.md.
 */
package ai.gue.export;
