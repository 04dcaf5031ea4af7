"""Write artifacts/MODEL_CARD.md from the training config and the measured metrics."""
from __future__ import annotations

from models.palette.model import ARTIFACTS, N_MIX

CARD = ARTIFACTS / "MODEL_CARD.md"


def write_card(config: dict) -> None:
    m = config["metrics"]
    fill = "\n".join(f"| {name} | {err:.1f} |" for name, err in m["fill_one"].items())
    s = m["stats"]
    arch = config["architecture"]
    CARD.write_text(f"""# Palette completion network ("Daltonism" demo)

A masked-slot Keras MLP ({arch['depth']} × Dense {arch['hidden']}, GELU, dropout {arch['dropout']}) that
completes five-colour palettes in CAM02-UCS. Input: the five colours with unknown slots zeroed plus a
known/unknown flag per slot. Two heads per slot: a point guess (Euclidean loss) and a {N_MIX}-component
Gaussian mixture (negative log-likelihood) from which suggestions are sampled one slot at a time.

## Data
- Training: `nice-color-palettes` 3.0.0 (npm), 992 unique COLOURlovers palettes, split
  70 / 10 / 20 % (train / validation / test, seed 0); training palettes are also used mirrored.
  **Palette data © the COLOURlovers community, licence CC BY-NC-SA 3.0** (package code MIT).
  Attribution: palettes from colourlovers.com via Matt DesLauriers' nice-color-palettes.
  Because of the NC-SA data licence these weights are for non-commercial, share-alike use.
- Held out: `@thi.ng/color-palettes` 1.5.36 (Apache-2.0), 255 image-derived six-colour themes,
  used only to test the critic on a different kind of palette.
- `python -m models.palette.build_dataset` rebuilds `palettes.json` from the two npm packages.

## Metrics (test split, {len(m['fill_one'])} methods; error = mean CAM02-UCS distance, hide 1 of 5)
| method | fill-one error |
|---|---|
{fill}

Course-guide anchors on their own split: random 44.1, mean 31.4, nearest-10 20.9, small Keras MLP 19.5.
Goal ≤ 17.

- Real-vs-generated logistic critic (9 features, 5-fold ROC AUC; 0.5 = indistinguishable):
  generated {m['critic_auc']['generated']:.3f}, uniformly random palettes {m['critic_auc']['random']:.3f};
  against the held-out thi.ng themes {m['critic_auc_thing']['generated']:.3f}.
- Chroma (mean M′): real {s['real']['chroma']:.1f}, generated {s['generated']['chroma']:.1f}
  (ratio {s['ratio']['chroma']:.2f}); diversity (mean pairwise ΔE): real {s['real']['diversity']:.1f},
  generated {s['generated']['diversity']:.1f} (ratio {s['ratio']['diversity']:.2f}). Goal: ratios 0.9–1.1.

## Training
{config['training']} — {config['train_seconds']} s on CPU.
Retrain: `python -m models.palette.train` (writes `palette_completion.weights.h5`,
`palette_completion.json` and this card).

## Limits
Five-slot palettes from one community's taste (COLOURlovers, mostly 2005–2015 web design); longer
palettes slide a five-slot window. Colour-blind checks are simulations (Machado 2009 / Brettel 1997),
not a substitute for testing with people.
""")
