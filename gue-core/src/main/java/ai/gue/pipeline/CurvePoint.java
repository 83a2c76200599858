package ai.gue.pipeline;

import ai.gue.game.GeneratorProvenance;
import java.nio.file.Path;

/**
 * One generator on an efficacy curve.
 *
 * @param label      stable name: game steps and the first hex digits of the generator's SHA-256, so a
 *                   resumed curve finds its victims whatever order the generators are given in
 * @param generator       the generator folder
 * @param generatorDigest SHA-256 of its parameter file (the label's hex digits; the poison record's key)
 * @param provenance      how far its game had come
 * @param series          the plot line it belongs to, e.g. its game's name
 */
public record CurvePoint(String label, Path generator, String generatorDigest, GeneratorProvenance provenance,
        String series) {}
