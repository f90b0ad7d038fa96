import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import "./styles.css";

// `?page=gallery` shows every @sinapse/viz picture (loaded only when asked for).
const Gallery = lazy(() => import("./gallery/Gallery.js").then((m) => ({ default: m.Gallery })));
const page = new URLSearchParams(window.location.search).get("page");

const root = document.getElementById("root");
if (!root) throw new Error("playground: #root element missing from index.html");
createRoot(root).render(
  <StrictMode>
    {page === "gallery" ? (
      <Suspense fallback={<p>…</p>}>
        <Gallery />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
