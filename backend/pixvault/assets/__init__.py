"""Assets: uploaded and imported images, their library metadata, and their delivery."""
