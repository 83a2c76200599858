package ai.gue.pipeline;

import ai.gue.game.GeneratorProvenance;
import java.nio.file.Path;

/**
 * One generator on an efficacy curve.
 *
 * @param label      stable name: game steps and the first hex digits of the generator's SHA-256, so a
 *                   resumed curve finds its victims whatever order the generators are given in
 * @param generator  the generator folder
 * @param provenance how far its game had come
 */
public record CurvePoint(String label, Path generator, GeneratorProvenance provenance) {}
