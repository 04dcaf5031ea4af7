"""A GAN on 2-D points (GAN Lab's setting) that trains in seconds: watch the generator's points move.

Real data (`points`): `ring` (8 Gaussians on a circle), `moons` (two interleaving half circles) or
`gaussians` (three blobs of different sizes). Each is a mixture of named parts ("modes").
The generator turns 8 noise numbers into a point (MLP 8 → 64 → 64 → 2), the critic turns a point into
a real-or-fake logit (MLP 2 → 64 → 64 → 1); the same non-saturating game as the image GAN, Adam
(1e-3, β1 = 0.5), batches of 256. `STEPS_PER_CALL` steps run inside one `tf.function` call.

Coverage: a mode counts as covered when at least `COVER_SHARE` of 1,000 generated points lie within
`NEAR` of that mode's real points; fewer covered modes than there are is *mode collapse*, the
generator having found a few answers the critic accepts and forgotten the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SHAPES = {"ring": 8, "moons": 2, "gaussians": 3}  # shape → number of modes
NOISE, HIDDEN, BATCH = 8, 64, 256
LEARNING_RATE, BETA_1 = 1e-3, 0.5
STEPS_PER_CALL = 50
NEAR = 0.25
COVER_SHARE = 0.02
MAP_SIDE = 40
LIMIT = 3.0  # the plane shown: [-LIMIT, LIMIT]²
MAX_STEPS = 20_000


def check(shape: str, steps: int | None = None) -> None:
    from models.gan.generate import BadRequest

    if shape not in SHAPES:
        raise BadRequest(f"unknown shape {shape!r}: choose from {', '.join(SHAPES)}")
    if steps is not None and not STEPS_PER_CALL <= steps <= MAX_STEPS:
        raise BadRequest(f"steps must be {STEPS_PER_CALL}–{MAX_STEPS}, got {steps}")


def points(shape: str, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n real points (float32 (n, 2)) and the mode each came from (int (n,))."""
    check(shape)
    if shape == "ring":
        mode = rng.integers(0, 8, n)
        angle = mode * (2 * np.pi / 8)
        xy = 2.0 * np.stack([np.cos(angle), np.sin(angle)], 1) + rng.normal(0, 0.08, (n, 2))
    elif shape == "moons":
        mode = rng.integers(0, 2, n)
        a = rng.uniform(0, np.pi, n)
        upper = np.stack([np.cos(a), np.sin(a)], 1)
        lower = np.stack([1 - np.cos(a), 0.5 - np.sin(a)], 1)
        xy = 1.6 * (np.where(mode[:, None] == 0, upper, lower) - [0.5, 0.25]) + rng.normal(0, 0.06, (n, 2))
    else:
        centres = np.array([[-1.5, -1.0], [1.5, -0.8], [0.0, 1.6]])
        spread = np.array([0.15, 0.35, 0.25])
        mode = rng.choice(3, n, p=[0.3, 0.4, 0.3])
        xy = centres[mode] + rng.normal(0, 1, (n, 2)) * spread[mode, None]
    return xy.astype(np.float32), mode.astype(np.int64)


def coverage(shape: str, fake: np.ndarray, seed: int = 99) -> tuple[int, np.ndarray]:
    """(modes covered, share of fake points near each mode)."""
    real, mode = points(shape, 2000, np.random.default_rng(seed))
    d = np.linalg.norm(fake[:, None, :] - real[None, :, :], axis=2)
    shares = np.array([(d[:, mode == m].min(1) < NEAR).mean() for m in range(SHAPES[shape])])
    return int((shares >= COVER_SHARE).sum()), shares


@dataclass
class Frame:
    """What the page draws at one moment: real and fake points, the critic's map, the losses so far."""

    step: int
    real: np.ndarray
    fake: np.ndarray
    critic_map: np.ndarray  # (MAP_SIDE, MAP_SIDE) P(real) over [-LIMIT, LIMIT]², row 0 = bottom
    history: list = field(default_factory=list)


@dataclass
class ToyResult:
    shape: str
    seed: int
    steps: int
    frames: list
    history: list  # dicts: step, g_loss, d_loss, critic_accuracy
    covered: int
    modes: int
    shares: list
    critic_accuracy: float
    seconds: float

    @property
    def collapsed(self) -> bool:
        return self.covered < self.modes

    def as_dict(self) -> dict:
        return {"shape": self.shape, "seed": self.seed, "steps": self.steps, "modes": self.modes,
                "modes_covered": self.covered, "mode_collapse": self.collapsed,
                "share_near_each_mode": [round(float(s), 3) for s in self.shares],
                "critic_accuracy": round(self.critic_accuracy, 4), "seconds": round(self.seconds, 2)}


def _mlp(inputs: int, outputs: int, name: str):
    import keras
    from keras import layers

    return keras.Sequential([keras.Input((inputs,)), layers.Dense(HIDDEN), layers.LeakyReLU(0.2),
                             layers.Dense(HIDDEN), layers.LeakyReLU(0.2), layers.Dense(outputs)], name=name)


def train_toy(shape: str = "ring", steps: int = 2000, seed: int = 0, progress=None, frame_every: int = 200) -> ToyResult:
    """Train from scratch; `progress(done, total, preview=Frame)` after every `frame_every` steps."""
    import time

    import tensorflow as tf

    check(shape, steps)
    start = time.perf_counter()
    tf.random.set_seed(seed)
    rng = np.random.default_rng(seed)
    generator, critic = _mlp(NOISE, 2, "toy_generator"), _mlp(2, 1, "toy_critic")
    g_opt = tf.keras.optimizers.Adam(LEARNING_RATE, beta_1=BETA_1)
    d_opt = tf.keras.optimizers.Adam(LEARNING_RATE, beta_1=BETA_1)
    bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
    pool = tf.constant(points(shape, 20_000, rng)[0])
    generator_seed = tf.random.Generator.from_seed(seed)

    @tf.function
    def run(n_steps):
        stats = tf.zeros(3)
        for _ in tf.range(n_steps):
            real = tf.gather(pool, generator_seed.uniform((BATCH,), 0, 20_000, tf.int32))
            z = generator_seed.normal((BATCH, NOISE))
            with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
                fake = generator(z, training=True)
                real_logit, fake_logit = critic(real, training=True), critic(fake, training=True)
                d_loss = bce(tf.ones_like(real_logit), real_logit) + bce(tf.zeros_like(fake_logit), fake_logit)
                g_loss = bce(tf.ones_like(fake_logit), fake_logit)
            d_opt.apply_gradients(zip(d_tape.gradient(d_loss, critic.trainable_variables), critic.trainable_variables))
            g_opt.apply_gradients(zip(g_tape.gradient(g_loss, generator.trainable_variables), generator.trainable_variables))
            acc = (tf.reduce_mean(tf.cast(real_logit > 0, tf.float32)) + tf.reduce_mean(tf.cast(fake_logit < 0, tf.float32))) / 2
            stats += tf.stack([g_loss, d_loss, acc])
        return stats / tf.cast(n_steps, tf.float32)

    axis = np.linspace(-LIMIT, LIMIT, MAP_SIDE, dtype=np.float32)
    plane = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    z_fixed = np.random.default_rng(seed + 1).standard_normal((1000, NOISE)).astype(np.float32)
    real_shown = points(shape, 500, np.random.default_rng(seed + 2))[0]

    def frame(done: int) -> Frame:
        fake = generator(z_fixed, training=False).numpy()
        p = tf.sigmoid(critic(plane, training=False)).numpy().reshape(MAP_SIDE, MAP_SIDE)
        return Frame(done, real_shown, fake, p, list(history))

    history, frames, done = [], [], 0
    frames.append(frame(0))
    while done < steps:
        g, d, acc = run(tf.constant(STEPS_PER_CALL)).numpy()
        done += STEPS_PER_CALL
        history.append({"step": done, "g_loss": float(g), "d_loss": float(d), "critic_accuracy": float(acc)})
        if done % frame_every == 0 or done >= steps:
            frames.append(frame(done))
            if progress is not None:
                progress(done, steps, preview=frames[-1])
    fake = frames[-1].fake
    covered, shares = coverage(shape, fake)
    real_test = points(shape, 1000, np.random.default_rng(seed + 3))[0]
    critic_accuracy = float((np.mean(critic(real_test).numpy() > 0) + np.mean(critic(fake).numpy() < 0)) / 2)
    return ToyResult(shape, seed, done, frames, history, covered, SHAPES[shape], shares.tolist(), critic_accuracy,
                     time.perf_counter() - start)
