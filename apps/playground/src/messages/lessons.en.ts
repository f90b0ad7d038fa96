/** Texts of the lessons (one page per section of the seed README). */
export const lessonsEn = {
  "lessons.title": "Lessons",
  "lessons.widget": "Try it",
  "lessons.nav": "Lessons",
  "lessons.all": "All lessons",

  "lessons.neuron.title": "The neuron",
  "lessons.neuron.p1":
    "A neuron is the smallest piece of a neural network. It receives a number, multiplies it by its weight and adds its bias: output = input × weight + bias. That is all a single artificial neuron computes before an activation function is applied.",
  "lessons.neuron.p2":
    "The weight says how strongly the input moves the output, and its sign says in which direction; the bias shifts the result up or down whatever the input is. Together they draw a straight line, the same y = a·x + b you know from school.",
  "lessons.neuron.p3":
    "Move the sliders: the weight tilts the line, the bias slides it up and down, and the input picks one point on it. Training a network means finding good values for these knobs — in every neuron at once.",
  "lessons.neuron.input": "input",
  "lessons.neuron.weight": "weight",
  "lessons.neuron.bias": "bias",
  "lessons.neuron.output": "output = {input} × {weight} + {bias} = {output}",
  "lessons.neuron.chart": "The neuron's line: output for every input",
  "lessons.neuron.line": "input × weight + bias",
  "lessons.neuron.outputLabel": "output",

  "lessons.weightsBiases.title": "Weights and biases",
  "lessons.weightsBiases.p1":
    "In a dense network every neuron of one layer is connected to every neuron of the next, and each connection has its own weight. Each neuron after the input layer also has one bias. Weights and biases together are the network's parameters: the numbers that training adjusts.",
  "lessons.weightsBiases.p2":
    "Counting them is simple: between a layer of n neurons and a layer of m neurons there are n × m weights and m biases. The example network has 10 inputs, three hidden layers of 8 neurons and 2 outputs: 10·8 + 8·8 + 8·8 + 8·2 = 224 weights and 8 + 8 + 8 + 2 = 26 biases.",
  "lessons.weightsBiases.p3":
    "The picture is drawn from real Dense layers of @sinapse/layers: blue links are positive weights, orange ones negative, thicker ones larger. Biases start at zero. Change the layer sizes and watch the counts follow.",
  "lessons.weightsBiases.inputLayer": "input layer",
  "lessons.weightsBiases.hiddenLayer": "hidden layer",
  "lessons.weightsBiases.outputLayer": "output layer",
  "lessons.weightsBiases.counts": "{weights} weights · {biases} biases · {parameters} parameters",
  "lessons.weightsBiases.neuron": "neuron",
  "lessons.weightsBiases.bias": "bias",
  "lessons.weightsBiases.hint": "Hover or focus a neuron or a link to see its value.",
  "lessons.weightsBiases.layerSize": "neurons in layer {layer}",
  "lessons.weightsBiases.reset": "Back to the example (224 / 26)",
  "lessons.weightsBiases.reroll": "New random weights",
  "lessons.weightsBiases.tableCaption": "Weights and biases between each pair of layers",
  "lessons.weightsBiases.colLayer": "layers",
  "lessons.weightsBiases.colWeights": "weights",
  "lessons.weightsBiases.colBiases": "biases",
  "lessons.weightsBiases.total": "total",

  "lessons.forward.title": "Forward propagation",
  "lessons.forward.p1":
    "Forward propagation is the way data travels through the network: the inputs go into the first layer, each neuron computes its weighted sum plus bias, and the results become the inputs of the next layer, until the output layer gives the answer.",
  "lessons.forward.p2":
    "Each layer does the same calculation for all its neurons at once: output = inputs · weightsᵀ + biases. Here the first layer has 3 neurons with 4 inputs each, and the second has 3 neurons fed by the first layer's outputs.",
  "lessons.forward.p3":
    "Press “next layer” to send the values one layer further and see each neuron's sum written out. Change the inputs to see every value downstream change with them.",
  "lessons.forward.inputs": "inputs",
  "lessons.forward.layer": "layer {layer}",
  "lessons.forward.input": "input {index}",
  "lessons.forward.next": "Next layer →",
  "lessons.forward.restart": "Start over",
  "lessons.forward.sumsTitle": "How layer {layer} got its values",

  "lessons.backward.title": "Backward propagation",
  "lessons.backward.p1":
    "A network learns by comparing its output with the answer it should have given. The error, called the loss or the cost, measures the gap between prediction and reality; here it is the squared error (output − target)².",
  "lessons.backward.p2":
    "Backward propagation goes the other way through the network, from the loss back to every weight and bias, using the chain rule to find the gradient: how much the loss changes when each parameter changes a little. The gradient points where the error grows fastest, so stepping against it is gradient descent: the steepest way down the error.",
  "lessons.backward.p3":
    "Then each parameter takes a small step against its gradient (parameter −= learning rate × gradient), and the whole cycle repeats: forward, loss, gradient, update. Press Step to run one iteration with real @sinapse/autograd operations and watch the loss fall.",
  "lessons.backward.model": "one neuron: relu(x · w + b)",
  "lessons.backward.learningRate": "learning rate",
  "lessons.backward.target": "target",
  "lessons.backward.step": "Step",
  "lessons.backward.step10": "10 steps",
  "lessons.backward.reset": "Reset",
  "lessons.backward.iteration": "Iterations so far: {n}",
  "lessons.backward.tableCaption": "Parameters now, and the numbers of the last step",
  "lessons.backward.weights": "weights w",
  "lessons.backward.bias": "bias b",
  "lessons.backward.loss": "loss",
  "lessons.backward.hint": "Press Step: the neuron computes its output, the loss, the gradients, and updates w and b.",
  "lessons.backward.chart": "Loss after each iteration",
  "lessons.backward.iterationAxis": "iteration",

  "lessons.shape.title": "Shape",
  "lessons.shape.p1":
    "Neural networks work with lists of numbers. A simple list is a vector; a list of lists is a matrix; a list of lists of lists is a 3-D array, and so on. In general we call them arrays or tensors.",
  "lessons.shape.p2":
    "The shape says how many elements there are along each dimension, from the outermost list inward. A matrix of 2 rows with 4 numbers each has shape [2, 4]. For the shape to exist, the array must be homogeneous: every inner list at the same level must have the same length.",
  "lessons.shape.p3":
    "Pick a kind of array and change its sizes; @sinapse/tensor's array(…).shape reports the shape, the number of dimensions and the total number of elements.",
  "lessons.shape.kind": "Kind of array",
  "lessons.shape.vector": "vector (1-D)",
  "lessons.shape.matrix": "matrix (2-D)",
  "lessons.shape.tensor3": "3-D array",
  "lessons.shape.depth": "matrices",
  "lessons.shape.rows": "rows",
  "lessons.shape.columns": "columns",
  "lessons.shape.summary": "{ndim} dimension(s), {size} elements",

  "lessons.dot.title": "Dot product",
  "lessons.dot.p1":
    "The dot product of two vectors of the same length multiplies them element by element and adds up the products: a · b = a[0]·b[0] + a[1]·b[1] + … The result is a single number.",
  "lessons.dot.p2":
    "That is exactly what a neuron does with its inputs and its weights: the weighted sum is the dot product of the inputs with the weights, and then the bias is added.",
  "lessons.dot.p3":
    "Change the elements of the two vectors below: each row shows one product, the last line their sum, and the result of @sinapse/tensor's dot, which must agree.",
  "lessons.dot.inputs": "inputs",
  "lessons.dot.weights": "weights",
  "lessons.dot.tableCaption": "The products, one per element, and their sum",
  "lessons.dot.sum": "sum of the products = a · b",
  "lessons.dot.library": "dot(a, b) from @sinapse/tensor = {value}",

  "lessons.batches.title": "Batches",
  "lessons.batches.p1":
    "Networks are usually trained on batches: several samples go through the network together, and the update uses the average of their gradients. Besides letting the computer work in parallel, this makes each step more reliable.",
  "lessons.batches.p2":
    "With one sample at a time, each step follows that single noisy point, so the fitted line jumps around. With 32 samples the errors of the points partly cancel out and the line moves steadily towards the best fit.",
  "lessons.batches.p3":
    "Both panels fit the line y = w·x + b to the same points with the same learning rate; only the batch size differs. The dashed line is the one the points were drawn from.",
  "lessons.batches.pause": "Pause",
  "lessons.batches.play": "Play",
  "lessons.batches.restart": "Restart",
  "lessons.batches.step": "step {step} of {max}",
  "lessons.batches.panel": "batch size {size}",
  "lessons.batches.truth": "Points drawn around y = {w}x + {b}, with noise.",
  "lessons.batches.chart": "Mean squared error over all points",
  "lessons.batches.stepAxis": "step",

  "lessons.activations.title": "Activation functions",
  "lessons.activations.p1":
    "After the weighted sum, a neuron passes the result through an activation function. Without one, a network of many layers would still only draw straight lines; a non-linear activation lets it bend and fit curved shapes.",
  "lessons.activations.p2":
    "Move the input x and read each function's output. The solid curve is the function, the dashed one its derivative, which backward propagation uses.",
  "lessons.activations.input": "input x",
  "lessons.activations.derivative": "derivative",
  "lessons.activations.step": "step",
  "lessons.activations.linear": "linear",
  "lessons.activations.sigmoid": "sigmoid",
  "lessons.activations.relu": "ReLU",
  "lessons.activations.stepAbout":
    "1 if x > 0, otherwise 0: the neuron fires or not. Its derivative is 0, so it cannot learn by gradients.",
  "lessons.activations.linearAbout": "The input itself, unchanged: used in output layers that predict numbers.",
  "lessons.activations.sigmoidAbout": "1 / (1 + e^−x): squeezes any number into (0, 1), smoothly.",
  "lessons.activations.reluAbout":
    "max(0, x): zero for negative inputs, the input otherwise. Simple, fast and the most used in hidden layers.",
  "lessons.activations.softmax": "Softmax",
  "lessons.activations.softmaxAbout":
    "Softmax works on a whole output layer: it exponentiates every value and divides by the sum, turning any numbers into probabilities that add up to 1. The first value below is your input x; the highest value gets the highest probability.",
  "lessons.activations.softmaxCaption": "softmax([x, 1, −0.5])",
  "lessons.activations.probability": "probability",
  "lessons.intro":
    "Each lesson is one section of the Portuguese README this project grew from, in its order, with a widget that computes with the real Sinapse code.",
  "lessons.credit":
    "The README, and so these lessons, follow the video series “Neural Networks from Scratch” by sentdex (Harrison Kinsley) on YouTube, and its book with Daniel Kukieła (nnfs.io).",
  "lessons.weightsBiases.weights":
    "Weights set the strength of each neuron's signal: they decide how much each input influences the neuron's output, raising or lowering the importance of specific information. In essence, the weights are how the network learns from data: they capture the relations between the input features and the target output, which lets the network generalise — make predictions on data it has never seen.",
  "lessons.weightsBiases.biases":
    "Biases add one more degree of flexibility: a constant per neuron, not tied to any input but added to the neuron's sum. A bias works like a threshold: it lets a neuron fire even when the weighted sum of its inputs alone would not be enough (or keeps it quiet when it would). During training the biases are adjusted along with the weights.",
  "lessons.threshold.title": "The bias as a threshold: a pixel's brightness",
  "lessons.threshold.p1":
    "Picture a neuron that reads the brightness of one pixel of an image and fires (outputs 1) when the pixel is bright enough. Without a bias (bias 0) it fires only above the one fixed limit, 0.5 here. Real pixels are rarely exactly at a limit: move the bias and the neuron also fires a little below the limit (positive bias) or only a little above it (negative bias).",
  "lessons.threshold.brightness": "pixel brightness",
  "lessons.threshold.bias": "bias",
  "lessons.threshold.fires": "The neuron fires: the pixel is above its limit of {limit}.",
  "lessons.threshold.silent": "The neuron stays silent: the pixel is below its limit of {limit}.",
  "lessons.forward.step1": "Input layer: the data enter the network's input layer.",
  "lessons.forward.step2":
    "Weighted sum: each neuron of the next layer sums its inputs, each multiplied by its weight (the adjustable parameters).",
  "lessons.forward.step3":
    "Adding the biases: each neuron adds its bias to its weighted sum, which sets a threshold for its activation.",
  "lessons.forward.step4":
    "Activation function: the sum with the bias goes through an activation function, which decides whether the neuron fires or stays quiet for that value.",
  "lessons.forward.step5":
    "Propagation: one layer's outputs are the next layer's inputs, and the process repeats until the output layer gives the network's prediction.",
  "lessons.forward.activate": "Step 4: pass layer 1's sums through an activation (ReLU)",
  "lessons.cat.title": "A picture through the layers",
  "lessons.cat.p1":
    "The seed shows a photo of a cat going into a network, lighting up neurons layer after layer, until the “cat” neuron of the output layer is the strongest. Here is the same walk with a 6×6 picture: each hidden neuron looks for one animal's pattern (+1 weights on its ink, −1 elsewhere, then ReLU), the output layer turns those into one score per animal, and softmax makes them probabilities. Pick a picture or click pixels to change it.",
  "lessons.cat.cat": "cat",
  "lessons.cat.dog": "dog",
  "lessons.cat.bird": "bird",
  "lessons.cat.show": "Show a {animal}",
  "lessons.cat.image": "The picture: click a pixel to switch it",
  "lessons.cat.pixel": "pixel in row {row}, column {column}",
  "lessons.cat.hidden": "Hidden layer",
  "lessons.cat.detector": "{animal} pattern",
  "lessons.cat.output": "Output layer (softmax)",
  "lessons.cat.answer": "The strongest output neuron: {animal}.",
  "lessons.backward.p4":
    "Forward and backward propagation repeat over batches of the training data: with each iteration the weights and biases come closer to values that minimise the error. The goal is not to memorise the training data but to generalise — to do well on data the network has never seen. That is why the playground keeps a test set apart and draws its loss too: when the training loss keeps falling while the test loss rises, the network has started memorising.",
};
