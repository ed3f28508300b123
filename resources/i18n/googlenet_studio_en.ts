<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>BranchStatsController</name>
    <message numerus="yes">
        <source>%n damaged line(s) of branch_stats.jsonl left out.</source>
        <translation>
            <numerusform>1 damaged line of branch_stats.jsonl left out.</numerusform>
            <numerusform>%n damaged lines of branch_stats.jsonl left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read branch_stats.jsonl: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BranchStatsPanel</name>
    <message>
        <source>While a run trains, every few steps each part's gradient, update and activations are sampled and shown here (kept in the run folder as branch_stats.jsonl).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}, step {1}: {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dark {0:.3g} … light {1:.3g}{2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (log scale)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dead now (× blue; outputs above 0 less than {0:.0%} of the time): {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exploded (▲ red; a step changed more than {0:.0%} of the weights, or the gradient was not finite): {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No dead or exploding part.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Gradient norm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Update / weight ratio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Activation mean</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of activations above 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training step</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BusyRow</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CheckpointController</name>
    <message>
        <source>Checkpoints (*.pt *.pth);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open {0}: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your last run is open again: {0}. Start resumes it; Train &gt; New Run starts afresh.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opened {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Its weights classify now; stop training to resume it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} holds weights only: it classifies, but cannot be resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing to save yet: a checkpoint is written after each epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot save {0}: {1}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClassifyController</name>
    <message>
        <source>Images ({0});;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: live from training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: the last run's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the live weights of the current run (refreshed every few seconds)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the weights the last run ended with</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: untrained</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>untrained weights</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Classifying %n image(s)…</source>
        <translation>
            <numerusform>Classifying 1 image…</numerusform>
            <numerusform>Classifying %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n could not be classified: {1}</source>
        <translation>
            <numerusform>{0} of 1 could not be classified: {1}</numerusform>
            <numerusform>{0} of %n could not be classified: {1}</numerusform>
        </translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Classified %n image(s) with {0}</source>
        <translation>
            <numerusform>Classified 1 image with {0}</numerusform>
            <numerusform>Classified %n images with {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only image files (or image data) can be dropped here</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The clipboard holds no image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> and %n more</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClassifyPanel</name>
    <message>
        <source>Open images…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify all again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every image on the list again, with the weights chosen now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop image files anywhere on the window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Try the examples</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ImageNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Answer with GoogLeNet's ImageNet weights: 1000 classes of photos (animals, objects, food…), as torchvision ships them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify a few pictures that come with the app: clothing from the sample's test images, a cat and a cup of coffee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: none loaded yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weights: {0}, not trained yet, so the answers are random: start training, or open a checkpoint.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>These weights know %n class(es), and answer with one of them whatever the image shows: {0}</source>
        <translation>
            <numerusform>These weights know 1 class, and answer with one of them whatever the image shows: {0}</numerusform>
            <numerusform>These weights know %n classes, and answer with one of them whatever the image shows: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClosingController</name>
    <message>
        <source>Closing as soon as PyTorch has loaded…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closing: {0} ({1:.0f} s so far). Close again to quit at once.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit now?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training is finishing its current step before it saves last.pt. Quit now, giving up the work since the last checkpoint? Every checkpoint already saved stays whole.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConfusionModel</name>
    <message>
        <source>true {0}, predicted {1}: {2} ({3})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>predicted class: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>true class: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>{name}: damaged, truncated or not a checkpoint ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: not a GoogLeNet Studio checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} ({position})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: is a folder, not a checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: file not found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: not a checkpoint (unknown file format)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: refused: not a plain checkpoint; loading it would need Python's unsafe pickle loader, which can run code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: damaged checkpoint ({problem})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: a bare state_dict, not a GoogLeNet Studio checkpoint (no classes or settings)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its format version is not a whole number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: made by a newer version of the app (format {version}); this one reads formats up to {newest}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: incomplete checkpoint (no {key})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>best validation accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is not a whole number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is {value}, outside {low}..{high}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is not a finite number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is outside {low:g}..{high:g}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its {what} is not a table of settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the network must take 1 (grayscale) or 3 (colour) input channels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the network's layout is not one this app knows ({choices})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the number of classes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class_names is not a list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{names} class names for a network of {count} classes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class name {number} is not text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class name {number} is empty or longer than {most} characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the preprocessing's channels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the preprocessing's channels differ from the network's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the input size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the stored image size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the normalisation mean</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the normalisation std</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the resize before the centre crop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>model_state is not a table of tensors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: its weights do not fit the network it describes (missing tensor {key})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: its weights do not fit the network it describes (unexpected tensor {key})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: its weights do not fit the network it describes (size mismatch for {key}: {got} instead of {shape})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: its weights hold NaN or infinite values ({key}); the run that made it had diverged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>steps per epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epochs done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>batches done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its training settings: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the history is not a list of epochs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the history holds {count:,} epochs, more than the {done:,} done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the history's confusion matrices hold more than {most:,} counts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch {epoch}'s confusion matrix is not {n} x {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>batch history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the batch history's {key} is not a column of numbers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the batch history's {key} holds {count:,} values, more than the {most:,} steps done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the batch history's {key}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the batch history's columns differ in length</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>outlier model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>outlier model's layers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the outlier model's layers are not the network's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>outlier model's {block}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the outlier model's {block} {what} is not a {shape} float tensor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the outlier model's {block} {what} holds NaN or infinite values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a threshold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the outlier threshold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a false positive rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the images fitted on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>resume state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a tensor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a finite number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a number, a flag or a short text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is not {kind}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is not a plain (dense) tensor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is on the {device} device, which holds no values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} has shape {got}, not {shape}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} holds {dtype} values, not {expected}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} claims {count:,} values that its stored bytes do not hold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} holds NaN or infinite values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} is not a list of {count} numbers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the {table}'s {key}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} has a setting whose name is not a short text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optimizer state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>schedule state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the optimizer state is not a table of exactly {keys}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the optimizer's per-parameter state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the optimizer state names a parameter the network does not have</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the optimizer state of parameter {index}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} holds {keys}, not what the run's optimizer keeps ({expected})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{what} ({key})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the optimizer's parameter groups are not a list of 1 to {most} groups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an optimizer parameter group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optimizer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the optimizer's parameter groups do not list each of the network's {count} parameters once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the schedule state has no {key}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the schedule state holds an optimizer of its own</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the schedule state is at step {got}, the checkpoint at step {step}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the random number state {key!r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>gradient scaler state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the stored shuffle is not a list of image indices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>random number state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the epoch's partial sums are not three numbers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a partial sum</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the epoch's time so far</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>disk full while saving {file} in {folder}; the previous checkpoint is kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot save {file}: {reason}; the previous checkpoint is kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>input size {size} is too small; the smallest that works is {smallest}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>setting {setting} must be {kind}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Adam (AdamW with weight decay)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Constant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cosine decay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One-cycle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The last layer only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Block 5 and the last layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Blocks 4 and 5 and the last layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Blocks 3 to 5 and the last layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Blocks 2 to 5 and the last layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The whole network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic (bf16/fp16 where fast)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>float32</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>bfloat16</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>float16 (CUDA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What to train on: sample, cifar10, fashion-mnist, mnist or folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where the dataset lives (for folder: the image folder itself)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The side in pixels every image is resized to before the network sees it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How many times training goes through every training image (or through Images per epoch); the run validates after each</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images per epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How many training images an epoch trains on before it validates: fewer than the set validates more often (each epoch a fresh random part), more goes on into a fresh shuffle (every image at least once an epoch), so the epochs fit a time; 0: the whole set once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the whole set</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images per training step (at least 2: BatchNorm needs two images to train)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the weights follow their gradients: Adam (AdamW when there is weight decay) or SGD with momentum</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How far each step moves the weights (with a schedule: its peak)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SGD's momentum (Adam ignores it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weight decay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pulls every weight towards zero a little each step (decoupled, as in AdamW, with Adam; L2 with SGD); 0: none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the learning rate changes over the run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Random crops (and flips where they keep the class) of the training images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Plain last epochs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>With augmentation: the last this many epochs train on the images as they are, as the test images are; 0: every epoch is augmented</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label smoothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Spreads this share of each training label over all classes, so the network is not pushed to total certainty; 0: none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Makes the run repeatable: the same seed and settings train the same weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where to train: cpu, cuda, cuda:N or mps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The arithmetic of training: automatic takes bf16 or fp16 where the device is faster with it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Channels-last memory layout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep activations channels-last (faster on CPUs and recent GPUs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training images used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use at most this many training images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation images used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use at most this many validation images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The share of each class held out for validation (image folders without val/)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU threads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU threads for training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The weights a run starts from: imagenet (GoogLeNet's ImageNet weights) or a checkpoint file, with a new last layer for the data's classes; none: random weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layers to train</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>With starting weights: what trains (head: the last layer only, its features computed once, seconds an epoch; blockN: that block and those after it; all: the whole network, its starting layers at a tenth of the rate); the rest keeps the starting weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the starting weights must be imagenet or a checkpoint file (leave it out to start from random weights)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training only some layers needs starting weights (imagenet or a checkpoint): random layers left untrained learn nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training the last layer only computes each image's features once, so it cannot augment them: turn augmentation off, or train more layers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch of 1 image cannot train: BatchNorm needs two images (0: the whole set)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot read the settings in {name}: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} holds no settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{setting} must be one of {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{setting} must be at least {low}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{setting} must be at least {low} and less than {high}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{setting} must be between {low} and {high}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: {file} not found under {root} (download it, or pick the folder that holds it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>folder: choose the folder that holds one sub-folder per class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown split {name!r}; choose one of: {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the built-in sample dataset cannot be read ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: cannot decompress ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: not a valid IDX file ({kind})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: {split} images and labels differ in count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: labels outside 0..{last}; the files are corrupt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: not a valid CIFAR-10 batch ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: images and labels differ in count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: folder not found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: needs at least two class sub-folders with images (found {found})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: no image files in its class folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: none of the {count} image files could be read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: needs readable images in at least two classes (found {found})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} unreadable image file skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} unreadable image files skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: needs at least two class sub-folders (found {found})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown dataset {name!r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>extracting {file}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: the archive does not hold the CIFAR-10 batches</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: nothing to download</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown dataset {name!r}; choose one of: {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>there is no class '{name}'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot make the class folder '{name}' ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: a file of that name exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder} is not empty: choose a new folder, or edit it as a dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: cannot create the folder ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: cannot be read ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>there is no class '{name}' in {folder}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} leads outside the dataset folder (through a link); nothing was changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot rename '{name}' ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} is not an image of this dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot remove {file} ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: {format} images are not read by training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: this image format is not read by training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: cannot copy ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot save the image ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: already in this dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>device {device!r} is not available on this machine; available: {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: download failed: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>downloading {file}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: download cut off after {done:,} of {total:,} bytes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: checksum mismatch (the file is damaged or not the expected one)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: server answered {code} {reason} for {url}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: download cut off after {done:,} more bytes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no internet connection (the server's name could not be looked up)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server refused the connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the secure connection failed ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: no mirror to download from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: cannot extract ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training failed: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the run folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>disk full</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot write to {where}: {what}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unexpected error: {kind}: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>before training started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>while validating epoch {epoch}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at epoch {epoch}, batch {batch}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{failure}. The last good checkpoint is kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>out of {device} memory {where} (batch size {batch_size}, input {input_size}); try a smaller batch size or input size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>batch size {batch_size} is too small for {processes} processes: each needs at least two images (the batch size is the global one)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>loading data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: needs at least two training images (found {found})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>validating</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>reading the starting weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>computing the features of every image once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>batch size lowered to {batch_size}: the training set has only {count} images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>loss became NaN at epoch {epoch}, batch {batch}; training stopped. Try a lower learning rate.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>loss became infinite at epoch {epoch}, batch {batch}; training stopped. Try a lower learning rate.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>fitting the statistics and the outlier model to the weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the run folder {folder} was deleted while training; it was made again with the run's checkpoint and its log rebuilt from memory</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: holds weights only, not the state a resume needs; classify with it, or start a new run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: made with {made} batches per epoch, this data gives {now}: resume with the same dataset, limits and batch size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: its stored shuffle is not an order of this dataset's {count} training images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: cannot resume: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot resume from {name} ({kind}: {reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: holds no training settings, so it cannot be resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} has already trained {epochs} epochs: ask for more than that to continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: made for {channels} channel(s) and {classes} classes, but {dataset} has {dataset_channels} and {dataset_classes}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>this checkpoint holds no training settings, so its dataset is not known: name one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: made for {channels}-channel images, {dataset} has {dataset_channels}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: made for {classes} classes ({names}), {dataset} has {dataset_classes} ({dataset_names})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: {dataset}'s class {unknown!r} is not one of its {classes} classes ({names}); to evaluate these weights on it, name every class as the weights name it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: weights do not fit the network ({problem})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at {position}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch {epoch}, batch {batch} of {batches}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>after epoch {epoch}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>before training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record is not a table of values</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's {field} is missing or not a number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's {field} is not a whole number from 0 to {most}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's {field} is not a finite number between -{most:g} and {most:g}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's {field} is not a fraction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's confusion matrix is not a list of 2 to {most} rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's confusion matrix has a row that is not a list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's confusion matrix repeats a list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's confusion matrix is not square</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an epoch record's confusion matrix holds something other than counts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{format} export needs {packages}: {command}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown export format {format!r}: use {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: not a regular file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: is a folder; give a file name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: not a regular file (a pipe, a device or a socket); it is not replaced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: is the file being read; write to another file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: larger than {most:,} bytes, more than a file of its kind holds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: no such folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot write {file}: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{format} export failed: {kind}: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: cannot read {file} ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: the run folder was deleted or moved; following stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: is a folder, not an image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: not a regular file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: empty file (0 bytes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: permission denied</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: cannot open ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: image too large ({width}x{height} pixels; the limit is {limit:,} pixels)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: image too large to decode safely ({width}x{height} {mode} pixels need {needed:,.0f} MiB; the limit is {limit:,.0f} MiB)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: image too large (over {limit:,} pixels)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: not an image format this app can read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: not enough memory to decode this image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: truncated or corrupt image ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>these weights give no answer (NaN): the run that made them diverged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>batch size {largest} or less fits at input {input_size}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>even a batch of 2 does not fit at input {input_size}: choose a smaller input size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not enough memory: batch size {batch_size} at input {input_size} needs about {needed} ({activations} for the batch's activations), and {where} has {available} free; {advice}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: cannot convert this image ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>these weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>untrained weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>live weights, {position}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{weights}: they give no answer (NaN): the run that made them diverged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no "unlike the training images" flag yet: for a run's weights within an epoch it waits for the epoch's end, when its model is fitted for them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no "unlike the training images" flag: these weights come without a model of the images they learned from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder} is being written by another training; choose another run folder or stop that training first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a run's name can be at most {most} characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a note can be at most {most:,} characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{folder}: the run folder is gone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot save the notes of {folder}: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} does not begin with a run's settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown network layout {layout!r}; the layouts are {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>channels, height, width and classes must all be at least 1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>input {height}x{width} is too small: it breaks in {block} at {layer} ({kind}); the smallest size that works is {smallest}x{smallest}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TensorBoard logging stopped: {reason}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TensorBoard logs need the tensorboard package: {command}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} is {size:.0f} MB, more than a timeline can be ({most} MB): it is not read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{weights}: they give no answer (NaN)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>clipboard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dropped image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the image is too large ({width}x{height} pixels)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>validation image {index} (true {name})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>validation image {index}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training ended without a result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Xeon, Sapphire Rapids class, bf16</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tutorial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the reference notebook's settings exactly: input 96, batch 64, Adam 1e-3, no schedule, 20 epochs, float32</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fast</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>input 64, batch 128, Adam 3e-3 with a one-cycle schedule over 2 epochs, bf16 where the CPU has it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Thorough</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>input 64, batch 128, AdamW 2e-3 (weight decay 0.05) with a one-cycle schedule over 12 epochs, random crops and flips except in the last 2, label smoothing 0.1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sample (Fashion-MNIST subset, built in)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image folder (one sub-folder per class)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its optimizer state's parameter groups are not the run's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its schedule state ({key}) does not match its own settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} is {size:.0f} MB, more than branch statistics can be ({most} MB): it is not read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>learning rate {rate:.2g}, loss {loss:.3g}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the learning-rate finder needs 0 &lt; start rate &lt; end rate and at least 3 steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a feature map needs at least {least} images; the validation set has {count}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no layer named {name} for a feature map; choose one of: {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no projection named {name}; choose one of: {choices}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>reading the features at {layer}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>t-SNE of {count} images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet, ImageNet (1000 classes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} is not a file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file} is damaged (its SHA-256 does not begin with {prefix}); download it again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: the downloaded file is not torchvision's (its SHA-256 does not begin with {prefix})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{file}: cannot store the download ({reason})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the ImageNet weights are not downloaded yet ({file}); download them, or pick the file {name} if you have it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}: torchvision GoogLeNet weights for {classes} classes and {channels} channels, not ImageNet's 1000 and 3: their class names and preprocessing are not in the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not torchvision's GoogLeNet weights (no conv1, inception3a or fc tensors)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>torchvision GoogLeNet weights with malformed conv1 or fc tensors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unexpected tensor {key} in torchvision GoogLeNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>size mismatch for {key}: {got} instead of {shape}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>torchvision GoogLeNet weights without {key}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ImageNet weights ({classes} classes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name}, trained on {dataset} ({classes} classes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{name} ({classes} classes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the run's starting weights are not described by a table</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the run's starting weights come from an unknown source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the run's starting weights have no usable name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the run's starting weights have no usable class count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the starting weights do not fit the run's network ({key})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the last layer only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the whole network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{stage} and the stages after it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>this run started from {weights}; it trains {trains}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its last layer kept (same classes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a new last layer for this dataset's classes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>starting from {weights}, {head}; training {trains}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>other programs keep {cpus:.1f} CPUs busy: training goes on with {threads} of its {most} threads</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CoreLoader</name>
    <message>
        <source>Loading PyTorch ({0:.0f} s; the first start after installing takes longest). Settings and the Shapes tab work meanwhile.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PyTorch could not be loaded: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet Studio</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DatasetController</name>
    <message>
        <source>Choose a folder with one sub-folder per class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Found in {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not on this computer (looked in {0}): download it, or choose the folder that holds it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Downloaded {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download failed: {0}. Put the dataset's files in {1} yourself, or choose another dataset.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DatasetEditorController</name>
    <message>
        <source>New dataset: name its folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>my-dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit dataset: choose its folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open the dataset {0}: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset editor closed: the work under way was cancelled (images already added stay)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added the class “{0}”: drop images on it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove class</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Remove the class “{0}” and its %n image(s)?
They are moved to the dataset's .removed folder, not deleted.</source>
        <translation>
            <numerusform>Remove the class “{0}” and its 1 image?
They are moved to the dataset's .removed folder, not deleted.</numerusform>
            <numerusform>Remove the class “{0}” and its %n images?
They are moved to the dataset's .removed folder, not deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed the class “{0}” (kept in .removed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Adding to “{0}” was cancelled; %n image(s) were added</source>
        <translation>
            <numerusform>Adding to “{0}” was cancelled; 1 image were added</numerusform>
            <numerusform>Adding to “{0}” was cancelled; %n images were added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image(s) to “{0}”</source>
        <translation>
            <numerusform>Added 1 image to “{0}”</numerusform>
            <numerusform>Added %n images to “{0}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n file(s): {0}</source>
        <translation>
            <numerusform>skipped 1 file: {0}</numerusform>
            <numerusform>skipped %n files: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Added {0} to “{1}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The clipboard holds no image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add images to “{0}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a folder of images to “{0}”</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Removed %n image(s) (kept in the dataset's .removed folder)</source>
        <translation>
            <numerusform>Removed 1 image (kept in the dataset's .removed folder)</numerusform>
            <numerusform>Removed %n images (kept in the dataset's .removed folder)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The check was cancelled after %n image(s)</source>
        <translation>
            <numerusform>The check was cancelled after 1 image</numerusform>
            <numerusform>The check was cancelled after %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>(Check Again finishes it)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n image(s) checked: no problems found</source>
        <translation>
            <numerusform>1 image checked: no problems found</numerusform>
            <numerusform>%n images checked: no problems found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) checked:</source>
        <translation>
            <numerusform>1 image checked:</numerusform>
            <numerusform>%n images checked:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s),</source>
        <translation>
            <numerusform>1 error,</numerusform>
            <numerusform>%n errors,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>1 warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>1 image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read</source>
        <translation>
            <numerusform>1 file cannot be read</numerusform>
            <numerusform>%n files cannot be read</numerusform>
        </translation>
    </message>
    <message>
        <source>Training leaves them out. Skip them to take them out of the dataset (they are moved to .removed), or replace them with good copies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Skip These Files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a copy of {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Extra copies of images in their own class: %n</source>
        <translation>
            <numerusform>Extra copies of images in their own class: 1</numerusform>
            <numerusform>Extra copies of images in their own class: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>A copy trains the same picture twice, and a copy held out for validation makes validation look better than it is. Keep one copy of each.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep One Copy of Each</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The same image is in {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One picture with two labels teaches the network nothing and makes validation wrong. Remove it from the classes it does not belong to: select those copies below and press Remove Selected Files.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n images that look alike are in {0}</source>
        <translation>
            <numerusform>1 images that look alike are in {0}</numerusform>
            <numerusform>%n images that look alike are in {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>They may be one picture resized or saved again, with different labels. Look at them (double-click one to show it); if they show the same thing, keep them in one class.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training needs at least two classes with images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add classes and drop images on them.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n class(es) without images: {0}</source>
        <translation>
            <numerusform>1 class without images: {0}</numerusform>
            <numerusform>%n classes without images: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Add images to them, or remove them: a class without images is never learnt, yet the network can still answer it.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n class(es) without validation images: {0}</source>
        <translation>
            <numerusform>1 class without validation images: {0}</numerusform>
            <numerusform>%n classes without validation images: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Move some of their images into the dataset's validation folder, so training can tell how well it learnt them.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n class(es) too small to hold out a validation image: {0}</source>
        <translation>
            <numerusform>1 class too small to hold out a validation image: {0}</numerusform>
            <numerusform>%n classes too small to hold out a validation image: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>A class of one image trains on it and is never validated. Add images: with {0} or more, a share of them is held out for validation.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n class(es) with validation images only: {0}</source>
        <translation>
            <numerusform>1 class with validation images only: {0}</numerusform>
            <numerusform>%n classes with validation images only: {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Add training images to them (drop them on the class).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n class(es) with fewer than {0} images: {1}</source>
        <translation>
            <numerusform>1 class with fewer than {0} images: {1}</numerusform>
            <numerusform>%n classes with fewer than {0} images: {1}</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation holds out a single image of each, so their validation accuracy jumps in big steps. Add more images: a few dozen per class at least.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unbalanced classes: “{0}” has {1} images, “{2}” {3}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The network learns to favour the big classes. Add images to the small ones, or remove some from the big ones.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n image(s) much smaller than the input size ({0} px)</source>
        <translation>
            <numerusform>1 image much smaller than the input size ({0} px)</numerusform>
            <numerusform>%n images much smaller than the input size ({0} px)</numerusform>
        </translation>
    </message>
    <message>
        <source>They are enlarged more than twice to {0}x{0} and look blurred to the network. Use bigger images, or a smaller input size in the training settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>grayscale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>colour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} grayscale and {1} colour images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The network trains on colour; a grayscale image is copied into all three channels. If some classes are mostly grayscale, the network can learn colour instead of what the pictures show: give every class the same kind.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train on this dataset</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The check found %n problem(s) that make training fail or mislead (see Check). Train anyway?</source>
        <translation>
            <numerusform>The check found 1 problem that make training fail or mislead (see Check). Train anyway?</numerusform>
            <numerusform>The check found %n problems that make training fail or mislead (see Check). Train anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>The dataset's work failed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Adding images to “{0}”: {1} of {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Looking for images to add to “{0}”…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking images: {0} of {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving the change…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>(%n more queued)</source>
        <translation>
            <numerusform>(1 more queued)</numerusform>
            <numerusform>(%n more queued)</numerusform>
        </translation>
    </message>
    <message>
        <source>A class needs a name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{0}”: a class name cannot contain / or \</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{0}”: a class name cannot start with a dot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{0}” is a name the dataset's folders use; choose another</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{0}”: a class name cannot contain control characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“{0}”: a class name cannot end with a dot or a space</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That class name is too long</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is already a class “{0}”</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DatasetEditorPanel</name>
    <message>
        <source>Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New class name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add Images…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove Images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove Selected Files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check Again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train on This Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste Images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} + {1} val</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and 1 more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>No class yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a class on the left, then drop images or folders on it</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{0}: %n image(s)</source>
        <translation>
            <numerusform>{0}: 1 image</numerusform>
            <numerusform>{0}: %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop image files or folders here, paste images (Ctrl+V), or add them with the buttons below</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a class first, then drop images on it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a class first</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EmbeddingController</name>
    <message>
        <source>Map these weights maps {0} with the images its run validated on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The run has no weights to map yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start a run or open a checkpoint first: a map needs trained weights and their validation images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Feature map cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>live weights, {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mapping the validation images…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The feature map failed: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EmbeddingPanel</name>
    <message>
        <source>Image {0}: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image {0}: {1}, taken for {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No maps yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} ({1} of {2})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each validation image becomes a point, placed by the network's features at the layer chosen: images the network finds alike lie close. Maps come after each epoch of a run while this tab is on screen, or from the weights chosen now (Map these weights).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PCA</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>t-SNE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} at {1}, {2}: {3} images, {4} mistakes (crosses)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(a fixed sample of {0} of the {1} validation images)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The axes show {0:.0%} and {1:.0%} of the features' variance.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Features at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Projection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} (last pooling layer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PCA (at once)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>t-SNE (a minute for 10,000 images)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Map these weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Map the validation images with the weights chosen now: a run's newest or an opened checkpoint's</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EvaluateController</name>
    <message>
        <source>Current run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluate checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>as saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} evaluated on {1}, validation split</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluated {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation failed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluating {0}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: loading data…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The first epoch's evaluation appears here when it ends.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} holds no evaluations (no validation set, more than 100 classes, or saved by an earlier version): Evaluate Checkpoint… computes one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluating {0} to list the images…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no epoch's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} holds the weights of {1}: only that epoch's images can be listed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The images of {0} are not kept: a run keeps them for its last {1} epochs.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n image(s) of {0} predicted right, most confident first</source>
        <translation>
            <numerusform>1 image of {0} predicted right, most confident first</numerusform>
            <numerusform>%n images of {0} predicted right, most confident first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of {0} predicted as {1}, most confident first</source>
        <translation>
            <numerusform>1 image of {0} predicted as {1}, most confident first</numerusform>
            <numerusform>%n images of {0} predicted as {1}, most confident first</numerusform>
        </translation>
    </message>
    <message>
        <source>(the {0} most confident shown)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The images are not loaded yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image {0} of the validation set: true {1}, predicted {2} ({3}). Click to classify it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No confusion matrix to export yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export confusion matrix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PNG image (*.png);;CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exported {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EvaluatePanel</name>
    <message>
        <source>Evaluate Checkpoint…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row percentages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each cell as a share of its row: of the images of that true class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rows: true class · columns: predicted class · click a cell for its images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train, open a checkpoint or evaluate one to see where the network is wrong.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Accuracy {0} · top-{1} {2} · macro F1 {3} · %n image(s)</source>
        <translation>
            <numerusform>Accuracy {0} · top-{1} {2} · macro F1 {3} · 1 image</numerusform>
            <numerusform>Accuracy {0} · top-{1} {2} · macro F1 {3} · %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>there is no confusion matrix to export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot write {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>predicted class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>true class</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export which checkpoint?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ONNX model (*.onnx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TorchScript module (*.pt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export {} as</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exporting {} as {}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exported {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export failed: {}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FeaturesController</name>
    <message>
        <source>{0}, channel {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}, channels {1} to {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualizing {0}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualization failed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualization cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save visualization</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving failed: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FeaturesPanel</name>
    <message>
        <source>Optimisation steps: more give clearer images and take longer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualize channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualize 16 channels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>16 channels from this one (the layer's last 16 near its end), optimised together</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save Image…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Feature visualization (Olah et al., Distill 2017) makes an image that excites one channel as much as it can, starting from faint noise. With untrained weights it finds little; after some training, the patterns the channel has learned.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} channel {1}: mean activation {2:.3g} for the starting noise, {3:.3g} for this image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, {0:.1f}-fold the starting noise's (median)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>{0}, %n channel(s), {1} steps, with {2}: mean activation {3:.3g} (average){4}</source>
        <translation>
            <numerusform>{0}, 1 channel, {1} steps, with {2}: mean activation {3:.3g} (average){4}</numerusform>
            <numerusform>{0}, %n channels, {1} steps, with {2}: mean activation {3:.3g} (average){4}</numerusform>
        </translation>
    </message>
    <message>
        <source>there is no visualization to save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot write {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> of {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FollowController</name>
    <message>
        <source>Follow a run folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop training first: the plots show the run in progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Following {}: reading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot follow the run: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Following {}: waiting for the run to write metrics.jsonl</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, epoch {} of {}, batch {} of {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Following {}: {}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Guide</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shortcuts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify an image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop it anywhere on the window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left: settings and progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the dataset and the training settings, then Start. Pause holds training between steps; Stop ends it after saving last.pt. Progress shows the epoch, the batch, the speed and, once training is steady, the time remaining.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Top: the curves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loss and accuracy against epochs: every batch (faint), its moving average (solid), and each epoch's training and validation values (markers). Smoothing and a log scale for the loss are above the plots; hover to read the values, drag to pan, scroll to zoom, right-click for the view's menu (View All goes back).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop, paste or open images: each gets the top 5 classes of the current weights (the run training now, an opened checkpoint, or untrained), a picture of what the network sees, and a warning when it is unlike the images the weights learned from.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shapes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every block's output shape, parameters and multiply-adds for any input size; it works before PyTorch has loaded. Double-click a row to see that layer's activation maps.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The run folder, its checkpoints (last.pt, best.pt) and a table of every epoch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The validation confusion matrix and per-class precision, recall and F1, live every epoch; click a cell to see its images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every run folder: tick runs to overlay their curves, open one, or follow one that another process is writing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inside</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A classified image inside the network: activation maps, Grad-CAM, a timeline of pinned images while training, and feature visualization.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Feature Map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every validation image as a point placed by the network's features (PCA or t-SNE), coloured by its class, mistakes as crosses; after each epoch, with a slider to replay the epochs. Hover a point to see its image, click it to classify it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How each block and Inception branch learns while training: gradient norm, update-to-weight ratio and activations, every 25 steps, with dead and exploding parts marked. File &gt; Find a Learning Rate… suggests a learning rate before training.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved work survives</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints are written to a temporary file and renamed over the old one: a crash, a kill or a full disk mid-save leaves the previous checkpoint whole. A run saves last.pt after every epoch, every 5 minutes within a long epoch, and when it is stopped or the window closes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closing never loses a checkpoint</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closing during training stops it and waits for the step to end, however long it takes; closing again offers to quit at once, which gives up only the work since the last checkpoint.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Faults stop the run, not the app</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A NaN loss, running out of memory or unreadable data ends the run with one line; the window keeps working and the last good checkpoint stays loadable. Settings too large for the machine's memory are refused before anything is allocated.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Files from strangers are checked, never run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints load without running code and every field is checked before use. Only raster images are decoded (PNG, JPEG, GIF, BMP, TIFF, WebP, PPM, ICO), their size is checked before decoding, and names are shown as plain text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your images stay yours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Datasets made in the app copy images, never move or change them; removing sets files aside in the dataset's .removed folder. Nothing is sent anywhere: the app downloads only the public datasets you ask for.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImageNetController</name>
    <message>
        <source>GoogLeNet's ImageNet weights answer now: 1000 classes of photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet's ImageNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet's ImageNet weights (torchvision's, 27 MB) are not on this computer yet. Download them from PyTorch's server into torchvision's cache, or choose the file googlenet-1378be20.pth if you have it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose File…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose torchvision's GoogLeNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Downloading GoogLeNet's ImageNet weights…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: {1:.1f} / {2:.1f} MiB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download cancelled: nothing was kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot download the ImageNet weights: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InsideController</name>
    <message>
        <source>Looking inside…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: click an image in the Classify tab (or drop one on the window) to see its maps.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot look inside the network: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Pin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow this image's class probabilities while training (Timeline)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>‹ Back to Shapes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click an image in the Classify tab (or drop one on the window) to see it inside the network.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All channels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every channel, the strongest first (otherwise the 16 strongest)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualize channel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Make an image that excites the chosen channel as much as it can</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visualize 16 channels…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The same for the 16 strongest channels of this layer, at once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The class whose evidence is shown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The layer whose maps Grad-CAM weighs: deeper layers see more, in coarser cells</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no evidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the most</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>seen by {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>answers {0} ({1:.1%})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where {0}'s evidence for {1} ({2:.1%}) lies: the brighter, the more it counts (Grad-CAM: each map weighed by how much the class gains from it).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} holds no evidence for {1} ({2:.1%}) anywhere in this image.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pinned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: output {1}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>all %n channel(s), the strongest (highest mean activation) first</source>
        <translation>
            <numerusform>all 1 channel, the strongest (highest mean activation) first</numerusform>
            <numerusform>all %n channels, the strongest (highest mean activation) first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the {0} strongest of %n channel(s) (highest mean activation first)</source>
        <translation>
            <numerusform>the {0} strongest of 1 channel (highest mean activation first)</numerusform>
            <numerusform>the {0} strongest of %n channels (highest mean activation first)</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}; {1:.0%} of the values are above zero. Hover a map for its values, click one to choose it.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>All %n channel(s)</source>
        <translation>
            <numerusform>All 1 channel</numerusform>
            <numerusform>All %n channels</numerusform>
        </translation>
    </message>
    <message>
        <source>top-1: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LRFindController</name>
    <message>
        <source>A run is training: stop it first (the finder trains on the same device).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finding a learning rate…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No suggestion: the loss never fell. Try other settings (a larger batch, another optimizer).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suggested learning rate: {0:.2e} (the loss falls fastest there; it is lowest at {1:.2e}).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The finder failed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled: the weights are as they were.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LRFindDialog</name>
    <message>
        <source>Use {0:.2e}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use this rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find a learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A short run from the start the training settings give (the same network, seed, optimizer and batches) raises the learning rate exponentially over about 100 steps. The loss stays flat while the rate is too small, falls, then shoots up once it is too large; the rate where the smoothed loss falls fastest is suggested. The weights are put back afterwards: nothing of a run changes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LaunchController</name>
    <message>
        <source>cannot write to {0}: {1}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Starting %n process(es) with torchrun…</source>
        <translation>
            <numerusform>Starting 1 process with torchrun…</numerusform>
            <numerusform>Starting %n processes with torchrun…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot stop the run: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopping every process after this step and saving last.pt…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>torchrun could not be started ({0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The torchrun run has ended; its folder: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>torchrun ended with code {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training with torchrun failed: {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shapes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MapsModel</name>
    <message>
        <source>channel {0}: {1:.3g} to {2:.3g}, mean {3:.3g}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open Checkpoint…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save Checkpoint As…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Evaluate Checkpoint…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Follow Run Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export &amp;Model…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use &amp;ImageNet Weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New &amp;Dataset…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit Dataset…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;Images…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export &amp;Plots…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export &amp;Metrics (CSV)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export Confusion Matri&amp;x…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Pause / Continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Find a Learning Rate…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New Run (forget the opened checkpoint)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train and understand GoogLeNet (Inception v1 with BatchNorm).
Drop images on the window to classify them with the current weights.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PendingRow</name>
    <message>
        <source>Classifying…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>train (batch)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>train (smoothed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>train (epoch)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>validation (epoch)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Smoothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weight of the past in the moving average of the per-batch curves (0: none), as in TensorBoard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log scale (loss)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show the loss on a logarithmic axis, where late, small gains stay visible</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export plots</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export metrics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exported {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot export the plots as {0}: use .png or .svg</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a file without extension</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch {0:.2f}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (step {0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>smoothed {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch {0} train {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch {0} val {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hover over a plot to read the values.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PredictionRow</name>
    <message>
        <source>original</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>network sees</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>by {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlike the images these weights learned from (score {0:.2f}, above 1 is unlike): the answer may mean little</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow this image's class probabilities while training (Inside tab, Timeline)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inside ›</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>See this image inside the network: activation maps and Grad-CAM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pinned</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Elapsed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0:,.0f} images/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training runs far slower than it did ({0:,.0f} images/s at its best): other programs are probably keeping this computer busy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>estimating…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>channel {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train acc</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Val loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Val acc</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classify with best.pt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no run yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>saved {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RunsController</name>
    <message>
        <source>Cannot read the runs: {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read the ticked runs' curves: {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{} has no checkpoint yet: showing its curves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name shown for this run:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A note on this run:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot save the notes of {}: {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{} is being written by a training: stop it first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move the run folder {} to the trash?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Moved {} to the trash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{} cannot be moved to a trash here. Delete it for good?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot move {} to the trash: {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deleted {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot delete {}: {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a run folder or a folder of runs</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Best val acc</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>%n second(s) ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%n minute(s) ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%n hour(s) ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%n day(s) ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>running (last wrote {})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>failed: stopped writing {}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop following</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Its curves and settings, and its last.pt classifies (Start resumes it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Watch the run live as another process writes its folder</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>1 run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading run folders…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tick two or more runs to overlay their curves and list the settings they differ in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings that differ between the ticked runs:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The ticked runs have the same settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}, from {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{} px</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{:,.0f} MiB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{:.1f} MiB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{:,.0f} KiB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>folder: {}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ShapesPanel</name>
    <message>
        <source> px</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Output shape</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mult-adds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Multiply-adds of the convolution and linear weights, per image, as fvcore and torch.utils.flop_counter count them (torchinfo also counts biases and BatchNorm, about 0.2% more)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Double-click a block, layer, Inception module or branch to see what its output holds for an image (Inside tab)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show Maps ›</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the selected row's output holds for an image: its activation maps (Inside tab)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Total params: {0:,}    Total mult-adds: {1:.2f} G    (per image, input {2})</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <source>no preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>validation image</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TimelineController</name>
    <message>
        <source>At most {0} images can be pinned: unpin one first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Timeline: {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Timeline: %n damaged line(s) of timeline.jsonl left out</source>
        <translation>
            <numerusform>Timeline: 1 damaged line of timeline.jsonl left out</numerusform>
            <numerusform>Timeline: %n damaged lines of timeline.jsonl left out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Unpin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>While training, the pinned images are classified this often (with the newest weights), and at every epoch's end</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Record every</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(not pinned now)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pin an image (Pin, in this tab's header or on a Classify row) to follow its class probabilities while a run trains; they are kept in the run's folder (timeline.jsonl), so an opened run shows them again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No points yet for {0}: they come as the run trains.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>training step</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Starting as soon as PyTorch has loaded…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting: loading data…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pausing after the current batch…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopping after this step (about {0:.0f} s) and saving last.pt…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopping after this step and saving last.pt…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training is running: stop it first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} holds weights only: it classifies, but cannot be resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paused {0}; Continue goes on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epoch {0} done: train accuracy {1:.1%}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}, validation accuracy {1:.1%}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training on {0}: {1}, {2}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>1 image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>1 class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>; saved {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped {0}{1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Finished %n epoch(s) in {0:.0f} s; best validation accuracy {1}</source>
        <translation>
            <numerusform>Finished 1 epoch in {0:.0f} s; best validation accuracy {1}</numerusform>
            <numerusform>Finished %n epochs in {0:.0f} s; best validation accuracy {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>cpu (detecting devices…)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>All %n GPUs (torchrun)</source>
        <translation>
            <numerusform>All 1 GPUs (torchrun)</numerusform>
            <numerusform>All %n GPUs (torchrun)</numerusform>
        </translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show where it breaks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write TensorBoard logs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find a learning rate: a short run that raises the rate step by step and suggests where the loss falls fastest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Logging</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recipe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Advanced settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start resumes {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also write the run's scalars into its run folder for tensorboard --logdir &lt;runs folder&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}: {1:.1f} / {2:.1f} MiB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>one sub-folder per class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>default cache folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your own settings. Tutorial reproduces the reference notebook; Fast is the quickest to a good accuracy measured so far; Thorough trains longer for a higher one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not measured yet for this dataset and device.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}. {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Random weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GoogLeNet's ImageNet weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another run's checkpoint…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start from which checkpoint?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Measured: {0} in {1} on {2} ({3}).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n CPU core(s)</source>
        <translation>
            <numerusform>1 CPU core</numerusform>
            <numerusform>%n CPU cores</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input size {0} is too small: the network halves the image five times and needs at least {1} x {1} pixels.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UnderstandingViews</name>
    <message>
        <source>Feature Map</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inside</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Feature Visualization</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>epoch {0}, batch {1} of {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>after epoch {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>before training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at epoch {0}, batch {1} of {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>live weights, {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>untrained weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0}, copied {1:.0f} s before</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>urls</name>
    <message>
        <source>{0} is not a local file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{0} is a folder</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>