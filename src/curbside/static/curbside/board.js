// The opportunity board: drag a card to another column to move it to that stage.
// Without this script every card still moves with its own stage select and button; a drop
// only sets that select and submits the card's form, which htmx sends to the move URL.
"use strict";

(() => {
  const board = document.getElementById("board");
  if (!board) return;
  let dragged = null;

  const columnOf = (event) =>
    event.target instanceof Element ? event.target.closest(".board-column[data-stage]") : null;
  const clearTargets = () =>
    board.querySelectorAll(".drop-target").forEach((column) => column.classList.remove("drop-target"));

  board.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest(".board-card") : null;
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    card.classList.add("dragging");
  });

  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  board.addEventListener("dragover", (event) => {
    const column = columnOf(event);
    if (!dragged || !column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-target")) {
      clearTargets();
      column.classList.add("drop-target");
    }
  });

  board.addEventListener("drop", (event) => {
    const column = columnOf(event);
    if (!dragged || !column) return;
    event.preventDefault();
    clearTargets();
    const card = dragged;
    const stage = column.dataset.stage;
    if (stage === card.dataset.stage) return;
    const form = card.querySelector("form.board-move");
    const select = form && form.querySelector("select[name=stage]");
    if (!select) return;
    select.value = stage;
    column.querySelector(".board-cards").prepend(card);
    form.requestSubmit();
  });
})();
