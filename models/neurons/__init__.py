"""A neuron, the XOR problem, a Keras playground and what memory buys an RNN (no Streamlit here).

- `perceptron`: one neuron with two inputs (weights, bias, step / sigmoid / ReLU), the logic-gate truth
  tables and Rosenblatt's perceptron learning rule;
- `xor_net`: the 2-2-1 Keras network that solves XOR, and the two lines its hidden neurons draw;
- `datasets`: TensorFlow Playground's four data sets, the 80:20 split and the feature maps;
- `playground`: the Keras model a student builds, trained a few epochs at a time, drawn live;
- `sequence`: the lecture's sequence 1, 2, 3, 4, 3, 2, 1, 2, … learned by a Dense net and an LSTM;
- `figures`: the pictures of all of the above (words passed in, so they stay language-free).
TensorFlow is imported lazily, inside the functions that train.
"""
