/**
 * The gallery (`?page=gallery`; `&lang=pt` or `&lang=en`, else the app's language): every @sinapse/viz
 * picture drawn from a real model, one section each, for people and for the browser
 * tests (each section has `data-gallery="<name>"`).
 */
import {
  ActivationPlot,
  DecisionBoundary,
  GraphView,
  NetworkDiagram,
  type NetworkDiagramLabels,
  TrainingCurves,
  type TrainingCurvesLabels,
  WeightHistogram,
} from "@sinapse/viz";
import { type ReactElement, type ReactNode, useMemo, useState } from "react";
import { LiveDiagram } from "./LiveDiagram.js";
import { buildGallery } from "./model.js";
import "./gallery.css";

const pt: { network: Partial<NetworkDiagramLabels>; training: Partial<TrainingCurvesLabels> } = {
  network: {
    input: "camada de entrada",
    hidden: "camada oculta",
    output: "camada de saída",
    counts: (c) => `${c.weights} pesos · ${c.biases} biases · ${c.parameters} parâmetros`,
    collapsed: (n, kind) => `… ${n} ${kind === "input" ? "entradas" : "neurônios"}`,
    neuron: "neurônio",
    bias: "bias",
    gradient: "gradiente",
    mean: "média",
    cannotDraw: "não dá para desenhar",
    hint: "Passe o mouse ou foque um neurônio ou ligação para ver seu valor.",
  },
  training: { loss: "perda", accuracy: "acurácia", train: "treino", validation: "validação", epoch: "época" },
};

/** The gallery's own texts; `satisfies` keeps the Portuguese table's keys the same as the English one's. */
const TEXTS_EN = {
  heading: "Sinapse — pictures",
  intro:
    "Every picture of @sinapse/viz, drawn from a 2-4-3 network trained for 100 epochs on the nnfs book's vertical data (seed 0).",
  back: "Back to the playground",
  network: "Network diagram",
  networkNote:
    "Weights from the trained Dense layers; hover or focus for values and gradients; each neuron shows its output over the input plane.",
  large: "A large input layer",
  largeNote: "784 inputs collapse into a band; its links are averaged per hidden neuron.",
  graph: "Computation graph",
  graphNote:
    "The forward pass of the network on two samples and its loss, as autograd recorded it. Step through backward; click a node for its path.",
  step: "backward step",
  training: "Training curves",
  trainingNote: "Loss and accuracy of the 100 epochs, train and validation.",
  logScale: "log scale",
  boundary: "Decision boundary",
  boundaryNote: "What the network predicts over the plane, paler where it is unsure.",
  activations: "Activation functions",
  activationsNote: "Each function (solid) and its derivative (dashed).",
  histogram: "Weight histogram",
  histogramNote: "The 12 544 first-layer weights of the 784-16-10 network (Glorot uniform).",
  histogramTitle: "784 × 16 weights",
  bad: "Bad input",
  badNote: "Weights of the wrong shape: the picture says why instead of going blank.",
  live: "Live updates",
  liveNote: "A 2-8-8-8-3 network redrawn with new weights every animation frame.",
};
const TEXTS_PT = {
  heading: "Sinapse — desenhos",
  intro:
    "Todos os desenhos do @sinapse/viz, feitos a partir de uma rede 2-4-3 treinada por 100 épocas nos dados verticais do livro nnfs (semente 0).",
  back: "Voltar ao playground",
  network: "Diagrama da rede",
  networkNote:
    "Pesos das camadas Dense treinadas; passe o mouse ou o foco para ver valores e gradientes; cada neurônio mostra a sua saída sobre o plano de entrada.",
  large: "Uma camada de entrada grande",
  largeNote: "784 entradas viram uma faixa; as ligações dela são a média por neurônio oculto.",
  graph: "Grafo de computação",
  graphNote:
    "O forward da rede em duas amostras e a sua perda, como o autograd registrou. Avance pelo backward; clique num nó para ver o caminho dele.",
  step: "passo do backward",
  training: "Curvas de treino",
  trainingNote: "Perda e acurácia das 100 épocas, treino e validação.",
  logScale: "escala logarítmica",
  boundary: "Fronteira de decisão",
  boundaryNote: "O que a rede prevê sobre o plano, mais clara onde ela está em dúvida.",
  activations: "Funções de ativação",
  activationsNote: "Cada função (linha cheia) e a sua derivada (tracejada).",
  histogram: "Histograma dos pesos",
  histogramNote: "Os 12 544 pesos da primeira camada da rede 784-16-10 (Glorot uniforme).",
  histogramTitle: "784 × 16 pesos",
  bad: "Dados ruins",
  badNote: "Pesos com o shape errado: o desenho diz o porquê em vez de ficar em branco.",
  live: "Atualização ao vivo",
  liveNote: "Uma rede 2-8-8-8-3 redesenhada com pesos novos a cada quadro de animação.",
} satisfies Record<keyof typeof TEXTS_EN, string>;

/** `?lang=pt` or `?lang=en`, else the app's remembered language, else the browser's. */
function galleryLanguage(): "en" | "pt" {
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (asked === "pt" || asked === "en") return asked;
  try {
    const saved = window.localStorage.getItem("sinapse.language");
    if (saved) return saved === "pt-BR" ? "pt" : "en";
  } catch {
    // storage may be disabled
  }
  return (navigator.languages ?? [navigator.language]).some((l) => l.toLowerCase().startsWith("pt")) ? "pt" : "en";
}

function Section(props: { name: string; title: string; children: ReactNode; note?: ReactNode }): ReactElement {
  return (
    <section className="gallery-section" data-gallery={props.name} aria-labelledby={`gallery-${props.name}`}>
      <h2 id={`gallery-${props.name}`}>{props.title}</h2>
      {props.note ? <p className="gallery-note">{props.note}</p> : null}
      <div className="gallery-picture">{props.children}</div>
    </section>
  );
}

export function Gallery(): ReactElement {
  const lang = galleryLanguage();
  const g = lang === "pt" ? TEXTS_PT : TEXTS_EN;
  const data = useMemo(() => buildGallery(0), []);
  const steps = useMemo(() => data.trace.nodes.filter((n) => n.requiresGrad).length, [data]);
  const [step, setStep] = useState(0);
  const [logScale, setLogScale] = useState(true);
  const { network } = data;

  return (
    <main className="gallery">
      <header>
        <h1>{g.heading}</h1>
        <p className="tagline">
          {g.intro} <a href="./">{g.back}</a>
        </p>
      </header>

      <Section name="network" title={g.network} note={g.networkNote}>
        <NetworkDiagram
          sizes={network.sizes}
          weights={network.weights}
          biases={network.biases}
          gradients={network.gradients}
          thumbnails={network.thumbnails}
          labels={lang === "pt" ? pt.network : undefined}
          width={560}
          height={340}
        />
      </Section>

      <Section name="network-large" title={g.large} note={g.largeNote}>
        <NetworkDiagram
          sizes={data.large.sizes}
          weights={data.large.weights}
          labels={lang === "pt" ? pt.network : undefined}
          width={560}
          height={340}
        />
      </Section>

      <Section name="graph" title={g.graph} note={g.graphNote}>
        <label className="gallery-control">
          {g.step} {step} / {steps}{" "}
          <input
            type="range"
            min={0}
            max={steps}
            value={step}
            data-role="backward-step"
            onChange={(e) => setStep(Number(e.currentTarget.value))}
          />
        </label>
        <GraphView trace={data.trace} backwardStep={step} />
      </Section>

      <Section name="training" title={g.training} note={g.trainingNote}>
        <label className="gallery-control">
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.currentTarget.checked)} />{" "}
          {g.logScale}
        </label>
        <TrainingCurves history={data.history} logScale={logScale} labels={lang === "pt" ? pt.training : undefined} />
      </Section>

      <Section name="boundary" title={g.boundary} note={g.boundaryNote}>
        <DecisionBoundary
          grid={data.boundary.grid}
          xDomain={data.boundary.xDomain}
          yDomain={data.boundary.yDomain}
          points={data.boundary.points}
          width={340}
          height={340}
        />
      </Section>

      <Section name="activations" title={g.activations} note={g.activationsNote}>
        <div className="gallery-row">
          <ActivationPlot activation="relu" labels={{ title: "ReLU" }} />
          <ActivationPlot activation="sigmoid" labels={{ title: "sigmoid" }} />
          <ActivationPlot activation="tanh" labels={{ title: "tanh" }} />
        </div>
      </Section>

      <Section name="histogram" title={g.histogram} note={g.histogramNote}>
        <WeightHistogram values={data.histogram} bins={24} labels={{ title: g.histogramTitle }} width={420} />
      </Section>

      <Section name="bad-input" title={g.bad} note={g.badNote}>
        <NetworkDiagram sizes={[2, 4, 3]} weights={[network.weights[1] ?? [], network.weights[0] ?? []]} />
      </Section>

      <Section name="live" title={g.live} note={g.liveNote}>
        <LiveDiagram />
      </Section>
    </main>
  );
}
