"""Inside a CNN: hand-made filters, ReLU and pooling (`filters`), and the feature maps of the digits
CNN and of an ImageNet network (`feature_maps`). CLI: `python -m models.cnn filter PHOTO --kernel NAME`."""
