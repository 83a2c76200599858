/**
 * Image datasets on disk and in memory: readers and writers for the CIFAR-10/100 binary batches,
 * SVHN's MATLAB files, PNG class folders and indexed PNGs (the APBench / ISS layout); fetching and
 * verifying the real CIFAR-10; seeded subsets and splits; and {@link ai.gue.data.DatasetLoader},
 * which recognises a format from a path.
 *
 * <p>Rules every class here follows:
 * <ul>
 *   <li>Bad input throws {@link ai.gue.data.DataFormatException}, whose message names the file,
 *       the record (image index or byte offset) and what was expected. I/O failures stay
 *       {@link java.io.IOException}s.</li>
 *   <li>Nothing is half-written: every writer goes through {@link ai.gue.util.AtomicOutput}, which
 *       writes a temporary sibling and renames it into place, and refuses an existing output unless
 *       asked to overwrite it.</li>
 *   <li>Nothing prints: long operations report through {@link ai.gue.data.FetchListener}.</li>
 *   <li>Randomness comes only from seeds passed in ({@link java.util.SplittableRandom}).</li>
 * </ul>
 */
package ai.gue.data;
