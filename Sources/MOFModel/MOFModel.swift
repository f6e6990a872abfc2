// MOFModel: see the other files in this folder.
