package ai.gue.cli;

import ai.gue.attack.AttackKind;
import ai.gue.attack.AttackSettings;
import ai.gue.attack.Budget;
import ai.gue.attack.OnePixelShortcut;
import ai.gue.attack.PoisonAttack;
import ai.gue.attack.PoisonedDataset;
import ai.gue.config.Presets;
import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunManifest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gue attack}: applies a baseline attack (no game) to a dataset and writes the poisoned copy. */
@Command(name = "attack", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a baseline availability attack to every training image of a dataset and writes the "
                + "poisoned training set next to the clean test set, in the same layout as 'gue poison': random noise "
                + "(noise-sign: +-eps per value; noise-uniform: uniform in [-eps, eps]), LSP (linearly separable "
                + "class-wise patches, L2 budget), AR (per-class autoregressive noise, L2 budget) or OPS (one "
                + "class-wise pixel, L0 budget), or an attack crafted against a classifier: EM (sample-wise "
                + "error-minimising noise, Huang et al. 2021), REM (its robust variant, Fu et al. 2022), TAP (targeted "
                + "adversarial poisoning, Fowl et al. 2021) or DeepConfuse (gue's UNet generator trained against a "
                + "classifier's pseudo-update, Feng et al. 2019), all L-inf, with the crafting model and loops of "
                + "--crafting. The written files are read "
                + "back and checked against the attack's budget; poison-manifest.json records the attack."})
final class AttackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ATTACK", converter = AttackConverter.class,
            description = "noise-sign, noise-uniform, lsp, ops, ar, em, rem, tap or deepconfuse.")
    AttackKind attack;

    @Option(names = "--input", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Dataset to poison (its training split): 'cifar10' or a path. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--epsilon", paramLabel = "BUDGET", converter = GameOptions.BudgetConverter.class,
            defaultValue = "8/255", description = "L-inf budget of the noise, EM, REM, TAP and DeepConfuse attacks, as 8/255, 8 (levels) or 0.0314. "
                    + "Default: ${DEFAULT-VALUE}.")
    Budget epsilon;

    @Option(names = "--l2", paramLabel = "R", defaultValue = "1.0",
            description = "L2 length of each LSP or AR perturbation on the [0, 1] pixel scale (whole image). "
                    + "Default: ${DEFAULT-VALUE}.")
    double l2Radius;

    @Option(names = "--patch-size", paramLabel = "PIXELS", defaultValue = "8",
            description = "Side of LSP's constant-colour blocks, in pixels. Default: ${DEFAULT-VALUE}.")
    int patchSize;

    @Option(names = "--crafting", paramLabel = "PRESET", defaultValue = "cpu",
            description = "EM, REM, TAP and DeepConfuse only: crafting preset, 'cpu' (cpu-short victim as crafting "
                    + "model, fewer PGD steps, a width-16 DeepConfuse UNet on a tenth of the images), 'paper' (ResNet-18, "
                    + "the authors' loops, width-64 UNet) or a YAML file. Default: ${DEFAULT-VALUE}.")
    String crafting;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the noise, of LSP's class colours, of AR's processes, of EM's start and batches, "
                    + "of TAP's crafting model or of DeepConfuse's networks, share and batches (OPS is deterministic). "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    PoisonedOutput output = new PoisonedOutput();

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Override
    public Integer call() throws Exception {
        if (!(l2Radius > 0) || Double.isInfinite(l2Radius)) {
            throw new IllegalArgumentException("--l2 must be a positive number, got " + l2Radius);
        }
        if (output.probeImages < 0) {
            throw new IllegalArgumentException("--probe-images must be 0 or more, got " + output.probeImages);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        output.refuseExisting();
        LoadedDataset source = datasets.catalog().load(input, new FetchProgress(stdout));
        ImageDataset clean = source.train();
        ImageDataset test = source.test().orElseThrow(() -> new IllegalArgumentException(
                "'" + input + "' has no test split; the poisoned dataset is written with its clean test split"));
        AttackSettings settings = new AttackSettings(epsilon, l2Radius, patchSize, seed);
        if (attack.crafted()) {
            settings = settings.withCrafting(Presets.crafting(crafting));
        }
        PoisonAttack poison = attack.create(settings, new CraftingProgress(stdout));
        RunManifest manifest = RunManifest.start("attack", Map.of("attack", seed),
                Map.of("clean:" + clean.name(), DatasetDigest.sha256(clean)));
        stdout.println("attack: " + poison.describe());
        String name = clean.name() + "-" + poison.name();
        PoisonedDataset poisoned;
        if (poison instanceof OnePixelShortcut ops) {
            // Search once: print the class pixels, then poison with them.
            OnePixelShortcut.ShortcutPixel[] pixels = ops.search(clean);
            for (int c = 0; c < pixels.length; c++) {
                stdout.println("  " + clean.classNames().get(c) + ": " + OnePixelShortcut.describe(pixels[c]));
            }
            poisoned = ops.apply(clean, name, pixels);
        } else {
            poisoned = poison.apply(clean, name);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("attack", poison.name());
        extra.put("description", poison.describe());
        extra.put("seed", seed);
        if (attack.crafted()) {
            extra.put("crafting", settings.crafting());
        }
        extra.put("manifest", manifest.finish());
        output.write(stdout, clean, test, poisoned, poison.budget(), extra);
        return 0;
    }

    static final class AttackConverter implements picocli.CommandLine.ITypeConverter<AttackKind> {
        @Override
        public AttackKind convert(String value) {
            return AttackKind.parse(value);
        }
    }
}
