/**
 * The gallery (`?page=gallery`, `&lang=pt` for Portuguese labels): every @sinapse/viz
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
    hidden: "camadas ocultas",
    output: "camada de saída",
    counts: (c) => `${c.weights} pesos · ${c.biases} vieses · ${c.parameters} parâmetros`,
    collapsed: (n, kind) => `… ${n} ${kind === "input" ? "entradas" : "neurônios"}`,
    neuron: "neurônio",
    bias: "viés",
    gradient: "gradiente",
    mean: "média",
    cannotDraw: "não dá para desenhar",
    hint: "Passe o mouse ou foque um neurônio ou ligação para ver seu valor.",
  },
  training: { loss: "perda", accuracy: "acurácia", train: "treino", validation: "validação", epoch: "época" },
};

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
  const lang = new URLSearchParams(window.location.search).get("lang") === "pt" ? "pt" : "en";
  const data = useMemo(() => buildGallery(0), []);
  const steps = useMemo(() => data.trace.nodes.filter((n) => n.requiresGrad).length, [data]);
  const [step, setStep] = useState(0);
  const [logScale, setLogScale] = useState(true);
  const { network } = data;

  return (
    <main className="gallery">
      <header>
        <h1>Sinapse — pictures</h1>
        <p className="tagline">
          Every picture of <code>@sinapse/viz</code>, drawn from a 2-4-3 network trained for 100 epochs on the nnfs
          book&apos;s vertical data (seed 0). <a href="./">Back to the playground</a>
        </p>
      </header>

      <Section
        name="network"
        title="Network diagram"
        note="Weights from the trained Dense layers; hover or focus for values and gradients; each neuron shows its output over the input plane."
      >
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

      <Section
        name="network-large"
        title="A large input layer"
        note="784 inputs collapse into a band; its links are averaged per hidden neuron."
      >
        <NetworkDiagram
          sizes={data.large.sizes}
          weights={data.large.weights}
          labels={lang === "pt" ? pt.network : undefined}
          width={560}
          height={340}
        />
      </Section>

      <Section
        name="graph"
        title="Computation graph"
        note="The forward pass of the network on two samples and its loss, as autograd recorded it. Step through backward; click a node for its path."
      >
        <label className="gallery-control">
          backward step {step} / {steps}{" "}
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

      <Section
        name="training"
        title="Training curves"
        note="Loss and accuracy of the 100 epochs, train and validation."
      >
        <label className="gallery-control">
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.currentTarget.checked)} /> log scale
        </label>
        <TrainingCurves history={data.history} logScale={logScale} labels={lang === "pt" ? pt.training : undefined} />
      </Section>

      <Section
        name="boundary"
        title="Decision boundary"
        note="What the network predicts over the plane, paler where it is unsure."
      >
        <DecisionBoundary
          grid={data.boundary.grid}
          xDomain={data.boundary.xDomain}
          yDomain={data.boundary.yDomain}
          points={data.boundary.points}
          width={340}
          height={340}
        />
      </Section>

      <Section
        name="activations"
        title="Activation functions"
        note="Each function (solid) and its derivative (dashed)."
      >
        <div className="gallery-row">
          <ActivationPlot activation="relu" labels={{ title: "ReLU" }} />
          <ActivationPlot activation="sigmoid" labels={{ title: "sigmoid" }} />
          <ActivationPlot activation="tanh" labels={{ title: "tanh" }} />
        </div>
      </Section>

      <Section
        name="histogram"
        title="Weight histogram"
        note="The 12 544 first-layer weights of the 784-16-10 network (Glorot uniform)."
      >
        <WeightHistogram values={data.histogram} bins={24} labels={{ title: "784 × 16 weights" }} width={420} />
      </Section>

      <Section
        name="bad-input"
        title="Bad input"
        note="Weights of the wrong shape: the picture says why instead of going blank."
      >
        <NetworkDiagram sizes={[2, 4, 3]} weights={[network.weights[1] ?? [], network.weights[0] ?? []]} />
      </Section>

      <Section
        name="live"
        title="Live updates"
        note="A 2-8-8-8-3 network redrawn with new weights every animation frame."
      >
        <LiveDiagram />
      </Section>
    </main>
  );
}
