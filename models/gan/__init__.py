"""GAN studio: class-conditional DCGANs on MNIST digits and Fashion-MNIST, and a 2-D toy GAN.

`data` (both image sets), `networks` (generator, critic, feature classifier), `train` (the committed
training command), `generate` (sampling, interpolation, the critic's opinion), `evaluate` (Fréchet
distance, conditioning accuracy, memorisation, against baselines), `toy` (a GAN on 2-D points that
trains in seconds). CLI: `python -m models.gan --help`.
"""
