import type { lessonsEn } from "./lessons.en.js";

export const lessonsPt: Record<keyof typeof lessonsEn, string> = {
  "lessons.title": "Lições",
  "lessons.widget": "Experimente",
  "lessons.nav": "Lições",
  "lessons.all": "Todas as lições",

  "lessons.neuron.title": "O neurônio",
  "lessons.neuron.p1":
    "O neurônio é a menor peça de uma rede neural. Ele recebe um número, multiplica pelo seu peso e soma o seu bias: saída = entrada × peso + bias. É só isso que um neurônio artificial calcula antes de aplicar a função de ativação.",
  "lessons.neuron.p2":
    "O peso diz o quanto a entrada influencia a saída, e o sinal dele diz em que direção; o bias desloca o resultado para cima ou para baixo, qualquer que seja a entrada. Juntos eles desenham uma reta, a mesma y = a·x + b da escola.",
  "lessons.neuron.p3":
    "Mexa nos controles: o peso inclina a reta, o bias a desloca para cima e para baixo, e a entrada escolhe um ponto nela. Treinar uma rede é encontrar bons valores para esses botões — em todos os neurônios ao mesmo tempo.",
  "lessons.neuron.input": "entrada",
  "lessons.neuron.weight": "peso",
  "lessons.neuron.bias": "bias",
  "lessons.neuron.output": "saída = {input} × {weight} + {bias} = {output}",
  "lessons.neuron.chart": "A reta do neurônio: a saída para cada entrada",
  "lessons.neuron.line": "entrada × peso + bias",
  "lessons.neuron.outputLabel": "saída",

  "lessons.weightsBiases.title": "Pesos e biases",
  "lessons.weightsBiases.p1":
    "Numa rede densa, cada neurônio de uma camada se liga a todos os neurônios da camada seguinte, e cada ligação tem o seu próprio peso. Cada neurônio depois da camada de entrada tem também um bias. Pesos e biases juntos são os parâmetros da rede: os números que o treino ajusta.",
  "lessons.weightsBiases.p2":
    "Contá-los é simples: entre uma camada de n neurônios e uma de m neurônios há n × m pesos e m biases. A rede de exemplo tem 10 entradas, três camadas ocultas de 8 neurônios e 2 saídas: 10·8 + 8·8 + 8·8 + 8·2 = 224 pesos e 8 + 8 + 8 + 2 = 26 biases.",
  "lessons.weightsBiases.p3":
    "O desenho vem de camadas Dense de verdade do @sinapse/layers: ligações azuis são pesos positivos, laranjas são negativos, e as mais grossas são as maiores. Os biases começam em zero. Mude o tamanho das camadas e veja as contas acompanharem.",
  "lessons.weightsBiases.inputLayer": "camada de entrada",
  "lessons.weightsBiases.hiddenLayer": "camada oculta",
  "lessons.weightsBiases.outputLayer": "camada de saída",
  "lessons.weightsBiases.counts": "{weights} pesos · {biases} biases · {parameters} parâmetros",
  "lessons.weightsBiases.neuron": "neurônio",
  "lessons.weightsBiases.bias": "bias",
  "lessons.weightsBiases.hint": "Passe o mouse ou o foco sobre um neurônio ou uma ligação para ver o seu valor.",
  "lessons.weightsBiases.layerSize": "neurônios na camada {layer}",
  "lessons.weightsBiases.reset": "Voltar ao exemplo (224 / 26)",
  "lessons.weightsBiases.reroll": "Novos pesos aleatórios",
  "lessons.weightsBiases.tableCaption": "Pesos e biases entre cada par de camadas",
  "lessons.weightsBiases.colLayer": "camadas",
  "lessons.weightsBiases.colWeights": "pesos",
  "lessons.weightsBiases.colBiases": "biases",
  "lessons.weightsBiases.total": "total",

  "lessons.forward.title": "Propagação para frente",
  "lessons.forward.p1":
    "A propagação para frente (forward propagation) é o caminho dos dados pela rede: as entradas entram na primeira camada, cada neurônio calcula a sua soma ponderada mais o bias, e os resultados viram as entradas da camada seguinte, até a camada de saída dar a resposta.",
  "lessons.forward.p2":
    "Cada camada faz a mesma conta para todos os seus neurônios de uma vez: saída = entradas · pesosᵀ + biases. Aqui a primeira camada tem 3 neurônios com 4 entradas cada, e a segunda tem 3 neurônios alimentados pelas saídas da primeira.",
  "lessons.forward.p3":
    "Aperte “próxima camada” para levar os valores uma camada adiante e ver a soma de cada neurônio escrita por extenso. Mude as entradas e veja todos os valores seguintes mudarem junto.",
  "lessons.forward.inputs": "entradas",
  "lessons.forward.layer": "camada {layer}",
  "lessons.forward.input": "entrada {index}",
  "lessons.forward.next": "Próxima camada →",
  "lessons.forward.restart": "Recomeçar",
  "lessons.forward.sumsTitle": "Como a camada {layer} chegou aos seus valores",

  "lessons.backward.title": "Propagação para trás",
  "lessons.backward.p1":
    "Uma rede aprende comparando a sua saída com a resposta que deveria ter dado. O erro resultante, chamado de perda (loss) ou custo (cost), mede a disparidade entre predição e realidade; aqui ele é o erro quadrático (saída − alvo)².",
  "lessons.backward.p2":
    "A propagação para trás (backpropagation) percorre a rede no sentido contrário, da perda até cada peso e bias, usando a regra da cadeia para achar o gradiente: quanto a perda muda quando cada parâmetro muda um pouquinho. O gradiente aponta na direção em que o erro cresce mais rápido; dar passos contra ele é o gradiente descendente: a descida mais acentuada do erro.",
  "lessons.backward.p3":
    "Depois cada parâmetro dá um pequeno passo contra o seu gradiente (parâmetro −= taxa de aprendizado × gradiente), e o ciclo se repete: para frente, perda, gradiente, atualização. Aperte Passo para rodar uma iteração com operações reais do @sinapse/autograd e veja a perda cair.",
  "lessons.backward.model": "um neurônio: relu(x · w + b)",
  "lessons.backward.learningRate": "taxa de aprendizado",
  "lessons.backward.target": "alvo",
  "lessons.backward.step": "Passo",
  "lessons.backward.step10": "10 passos",
  "lessons.backward.reset": "Reiniciar",
  "lessons.backward.iteration": "Iterações até agora: {n}",
  "lessons.backward.tableCaption": "Os parâmetros agora, e os números do último passo",
  "lessons.backward.weights": "pesos w",
  "lessons.backward.bias": "bias b",
  "lessons.backward.loss": "perda",
  "lessons.backward.hint": "Aperte Passo: o neurônio calcula a saída, a perda, os gradientes, e atualiza w e b.",
  "lessons.backward.chart": "Perda depois de cada iteração",
  "lessons.backward.iterationAxis": "iteração",

  "lessons.shape.title": "Formato (shape)",
  "lessons.shape.p1":
    "Redes neurais trabalham com listas de números. Uma lista simples é um vetor; uma lista de listas é uma matriz; uma lista de listas de listas é um array 3-D, e assim por diante. Em geral chamamos todos de arrays ou tensores.",
  "lessons.shape.p2":
    "O formato (shape) diz quantos elementos há em cada dimensão, da lista mais externa para dentro. Uma matriz de 2 linhas com 4 números cada tem shape [2, 4]. Para o shape existir, o array precisa ser homogêneo: todas as listas internas de um mesmo nível precisam ter o mesmo tamanho.",
  "lessons.shape.p3":
    "Escolha um tipo de array e mude os seus tamanhos; o array(…).shape do @sinapse/tensor mostra o formato, o número de dimensões e o total de elementos.",
  "lessons.shape.kind": "Tipo de array",
  "lessons.shape.vector": "vetor (1-D)",
  "lessons.shape.matrix": "matriz (2-D)",
  "lessons.shape.tensor3": "array 3-D",
  "lessons.shape.depth": "matrizes",
  "lessons.shape.rows": "linhas",
  "lessons.shape.columns": "colunas",
  "lessons.shape.summary": "{ndim} dimensão(ões), {size} elementos",

  "lessons.dot.title": "Produto escalar",
  "lessons.dot.p1":
    "O produto escalar (dot product) de dois vetores do mesmo tamanho multiplica um pelo outro elemento a elemento e soma os produtos: a · b = a[0]·b[0] + a[1]·b[1] + … O resultado é um único número.",
  "lessons.dot.p2":
    "É exatamente o que um neurônio faz com as suas entradas e os seus pesos: a soma ponderada é o produto escalar das entradas pelos pesos, e depois o bias é somado.",
  "lessons.dot.p3":
    "Mude os elementos dos dois vetores abaixo: cada linha mostra um produto, a última a soma deles, e o resultado do dot do @sinapse/tensor, que precisa concordar.",
  "lessons.dot.inputs": "entradas",
  "lessons.dot.weights": "pesos",
  "lessons.dot.tableCaption": "Os produtos, um por elemento, e a sua soma",
  "lessons.dot.sum": "soma dos produtos = a · b",
  "lessons.dot.library": "dot(a, b) do @sinapse/tensor = {value}",

  "lessons.batches.title": "Lotes (batches)",
  "lessons.batches.p1":
    "Redes costumam ser treinadas em lotes (batches): várias amostras passam juntas pela rede, e a atualização usa a média dos seus gradientes. Além de deixar o computador trabalhar em paralelo, isso torna cada passo mais confiável.",
  "lessons.batches.p2":
    "Com uma amostra por vez, cada passo segue aquele único ponto com ruído, e a reta ajustada fica pulando. Com 32 amostras os erros dos pontos se compensam em parte e a reta caminha com firmeza para o melhor ajuste.",
  "lessons.batches.p3":
    "Os dois painéis ajustam a reta y = w·x + b aos mesmos pontos com a mesma taxa de aprendizado; só o tamanho do lote muda. A reta tracejada é a que gerou os pontos.",
  "lessons.batches.pause": "Pausar",
  "lessons.batches.play": "Continuar",
  "lessons.batches.restart": "Recomeçar",
  "lessons.batches.step": "passo {step} de {max}",
  "lessons.batches.panel": "lote de tamanho {size}",
  "lessons.batches.truth": "Pontos gerados em torno de y = {w}x + {b}, com ruído.",
  "lessons.batches.chart": "Erro quadrático médio sobre todos os pontos",
  "lessons.batches.stepAxis": "passo",

  "lessons.activations.title": "Funções de ativação",
  "lessons.activations.p1":
    "Depois da soma ponderada, o neurônio passa o resultado por uma função de ativação. Sem ela, uma rede de muitas camadas continuaria desenhando só retas; uma ativação não linear deixa a rede se curvar e se ajustar a formas curvas.",
  "lessons.activations.p2":
    "Mova a entrada x e leia a saída de cada função. A curva cheia é a função, a tracejada a sua derivada, que a propagação para trás usa.",
  "lessons.activations.input": "entrada x",
  "lessons.activations.derivative": "derivada",
  "lessons.activations.step": "degrau",
  "lessons.activations.linear": "linear",
  "lessons.activations.sigmoid": "sigmoide",
  "lessons.activations.relu": "ReLU",
  "lessons.activations.stepAbout":
    "1 se x > 0, senão 0: o neurônio dispara ou não. A derivada é 0, então ela não aprende por gradientes.",
  "lessons.activations.linearAbout": "A própria entrada, sem mudança: usada em camadas de saída que preveem números.",
  "lessons.activations.sigmoidAbout": "1 / (1 + e^−x): espreme qualquer número no intervalo (0, 1), suavemente.",
  "lessons.activations.reluAbout":
    "max(0, x): zero para entradas negativas, a própria entrada no resto. Simples, rápida e a mais usada nas camadas ocultas.",
  "lessons.activations.softmax": "Softmax",
  "lessons.activations.softmaxAbout":
    "A softmax trabalha sobre uma camada de saída inteira: eleva e a cada valor e divide pela soma, transformando quaisquer números em probabilidades que somam 1. O primeiro valor abaixo é a sua entrada x; o maior valor recebe a maior probabilidade.",
  "lessons.activations.softmaxCaption": "softmax([x, 1, −0,5])",
  "lessons.activations.probability": "probabilidade",
  "lessons.intro":
    "Cada lição é uma seção do README em português de onde este projeto nasceu, na mesma ordem, com um widget que calcula com o código de verdade do Sinapse.",
  "lessons.credit":
    "O README, e por isso estas lições, segue a série de vídeos “Neural Networks from Scratch” do canal sentdex (Harrison Kinsley) no YouTube, e o livro dele com Daniel Kukieła (nnfs.io).",
  "lessons.weightsBiases.weights":
    "Pesos: são os padrões para a força do sinal do neurônio; eles determinam a influência de cada entrada na saída do neurônio, aumentando ou diminuindo a importância de informações específicas. Em essência, os pesos são a forma de a rede neural aprender com os dados: eles capturam as relações entre as features de entrada e a saída alvo, permitindo que a rede generalize e faça predições em dados que ela não viu.",
  "lessons.weightsBiases.biases":
    "Bias: acrescentam uma camada adicional de flexibilidade. Biases são constantes associadas a cada neurônio; ao contrário dos pesos, o bias não está ligado a uma entrada específica, mas é somado à soma do neurônio. O bias é como um limite: permite que alguns neurônios sejam ativados mesmo que a soma ponderada das entradas não seja suficiente por conta própria (ou os mantém quietos quando seria). Durante o treino, os biases são ajustados junto com os pesos.",
  "lessons.threshold.title": "O bias como limite: o brilho de um pixel",
  "lessons.threshold.p1":
    "Imagine um neurônio que processa o nível de brilho de um pixel de uma imagem e ativa (dá 1) quando o pixel é claro o bastante. Sem o bias (bias 0), ele só ativa acima de um limite fixo, aqui 0,5. Os dados do mundo real raramente estão exatamente num limite: mexa no bias e o neurônio passa a ativar mesmo com o brilho um pouco abaixo do limite (bias positivo), ou só um pouco acima dele (bias negativo).",
  "lessons.threshold.brightness": "brilho do pixel",
  "lessons.threshold.bias": "bias",
  "lessons.threshold.fires": "O neurônio ativa: o pixel está acima do seu limite de {limit}.",
  "lessons.threshold.silent": "O neurônio continua dormente: o pixel está abaixo do seu limite de {limit}.",
  "lessons.forward.step1": "Camada de entrada: os dados são inseridos na camada de entrada da rede neural.",
  "lessons.forward.step2":
    "Soma ponderada dos pesos: cada neurônio da camada seguinte soma as suas entradas, cada uma multiplicada pelo seu peso (os parâmetros ajustáveis).",
  "lessons.forward.step3":
    "Acrescentando os biases: cada neurônio soma o seu bias à soma ponderada, o que introduz um limite para a ativação.",
  "lessons.forward.step4":
    "Função de ativação: a soma ponderada com o bias passa por uma função de ativação, que determina se o neurônio deve ativar ou continuar dormente para aquele valor.",
  "lessons.forward.step5":
    "Propagação: a saída de uma camada vira a entrada da camada seguinte, e o processo se repete até a camada de saída produzir a predição da rede.",
  "lessons.forward.activate": "Passo 4: passar as somas da camada 1 por uma ativação (ReLU)",
  "lessons.cat.title": "Uma imagem pelas camadas",
  "lessons.cat.p1":
    "O README mostra a foto de um gato entrando na rede, acendendo neurônios camada após camada, até o neurônio “gato” da camada de saída ser o mais forte. Aqui está o mesmo caminho com uma imagem 6×6: cada neurônio oculto procura o padrão de um animal (pesos +1 onde há tinta, −1 no resto, depois ReLU), a camada de saída transforma isso numa nota por animal, e a softmax faz delas probabilidades. Escolha uma imagem ou clique nos pixels para mudá-la.",
  "lessons.cat.cat": "gato",
  "lessons.cat.dog": "cachorro",
  "lessons.cat.bird": "pássaro",
  "lessons.cat.show": "Mostrar um {animal}",
  "lessons.cat.image": "A imagem: clique num pixel para trocá-lo",
  "lessons.cat.pixel": "pixel na linha {row}, coluna {column}",
  "lessons.cat.hidden": "Camada oculta",
  "lessons.cat.detector": "padrão de {animal}",
  "lessons.cat.output": "Camada de saída (softmax)",
  "lessons.cat.answer": "O neurônio de saída mais forte: {animal}.",
  "lessons.backward.p4":
    "Esse processo de forward e backward propagation é repetido iterativamente em lotes de dados de treino: a cada iteração, os pesos e os biases se aproximam de valores que minimizam o erro. O objetivo não é decorar os dados de treino, e sim generalizar — acertar em dados que a rede nunca viu. Por isso o playground separa um conjunto de teste e desenha a perda dele também: quando a perda de treino continua caindo e a de teste sobe, a rede começou a decorar.",
};
