"""Reading a person's message with pretrained knowledge of English (WordLlama sentence
embeddings, offline) and statistical models trained on the project's own examples."""
