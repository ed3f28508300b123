<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BranchStatsController</name>
    <message numerus="yes">
        <source>%n damaged line(s) of branch_stats.jsonl left out.</source>
        <translation>
            <numerusform>branch_stats.jsonl 中有 %n 行已损坏，已略去。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read branch_stats.jsonl: {0}</source>
        <translation>无法读取 branch_stats.jsonl：{0}</translation>
    </message>
</context>
<context>
    <name>BranchStatsPanel</name>
    <message>
        <source>While a run trains, every few steps each part&apos;s gradient, update and activations are sampled and shown here (kept in the run folder as branch_stats.jsonl).</source>
        <translation>训练进行时，每隔若干步对各部分的梯度、更新量和激活值取样并显示在这里（保存在运行文件夹的 branch_stats.jsonl 中）。</translation>
    </message>
    <message>
        <source>{0}, step {1}: {2}</source>
        <translation>{0}，第 {1} 步：{2}</translation>
    </message>
    <message>
        <source>dark {0:.3g} … light {1:.3g}{2}</source>
        <translation>深 {0:.3g} … 浅 {1:.3g}{2}</translation>
    </message>
    <message>
        <source> (log scale)</source>
        <translation>（对数刻度）</translation>
    </message>
    <message>
        <source>Dead now (× blue; outputs above 0 less than {0:.0%} of the time): {1}</source>
        <translation>当前已死亡（蓝色 ×；输出大于 0 的时间不足 {0:.0%}）：{1}</translation>
    </message>
    <message>
        <source>Exploded (▲ red; a step changed more than {0:.0%} of the weights, or the gradient was not finite): {1}</source>
        <translation>曾经爆炸（红色 ▲；一步改变了超过 {0:.0%} 的权重，或梯度不是有限值）：{1}</translation>
    </message>
    <message>
        <source>No dead or exploding part.</source>
        <translation>没有死亡或爆炸的部分。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Update / weight ratio</source>
        <translation>更新量 / 权重之比</translation>
    </message>
    <message>
        <source>Activation mean</source>
        <translation>激活均值</translation>
    </message>
    <message>
        <source>Share of activations above 0</source>
        <translation>大于 0 的激活所占比例</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
</context>
<context>
    <name>BusyRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CheckpointController</name>
    <message>
        <source>Checkpoints (*.pt *.pth);;All files (*)</source>
        <translation>检查点 (*.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>Cannot open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
    <message>
        <source>Your last run is open again: {0}. Start resumes it; Train &gt; New Run starts afresh.</source>
        <translation>已重新打开上次的训练运行：{0}。“开始”将继续训练；“训练 &gt; 新建运行”则从头开始。</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <source>Its weights classify now; stop training to resume it</source>
        <translation>现在使用它的权重分类；停止训练后才能继续训练它</translation>
    </message>
    <message>
        <source>{0} holds weights only: it classifies, but cannot be resumed</source>
        <translation>{0} 只包含权重：可以用来分类，但不能继续训练</translation>
    </message>
    <message>
        <source>Nothing to save yet: a checkpoint is written after each epoch</source>
        <translation>暂无可保存的内容：每轮结束后才会写入检查点</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Cannot save {0}: {1}</source>
        <translation>无法保存 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>ClassifyController</name>
    <message>
        <source>Images ({0});;All files (*)</source>
        <translation>图像 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Weights: live from training</source>
        <translation>权重：训练中的实时权重</translation>
    </message>
    <message>
        <source>Weights: the last run&apos;s</source>
        <translation>权重：上次训练运行的权重</translation>
    </message>
    <message>
        <source>the live weights of the current run (refreshed every few seconds)</source>
        <translation>当前训练运行的实时权重（每隔几秒刷新）</translation>
    </message>
    <message>
        <source>the weights the last run ended with</source>
        <translation>上次训练运行结束时的权重</translation>
    </message>
    <message>
        <source>Weights: {0}</source>
        <translation>权重：{0}</translation>
    </message>
    <message>
        <source>Weights: untrained</source>
        <translation>权重：未训练</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未训练的权重</translation>
    </message>
    <message numerus="yes">
        <source>Classifying %n image(s)…</source>
        <translation>
            <numerusform>正在分类 %n 张图像…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n could not be classified: {1}</source>
        <translation>
            <numerusform>%n 张中有 {0} 张无法分类：{1}</numerusform>
        </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <source>Classified %n image(s) with {0}</source>
        <translation>
            <numerusform>已用{0}分类 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>已拒绝：{0}</translation>
    </message>
    <message>
        <source>Only image files (or image data) can be dropped here</source>
        <translation>这里只能拖放图像文件（或图像数据）</translation>
    </message>
    <message>
        <source>The clipboard holds no image</source>
        <translation>剪贴板中没有图像</translation>
    </message>
    <message>
        <source>Classify images</source>
        <translation>分类图像</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source> and %n more</source>
        <translation> 等另外 %n 项</translation>
    </message>
</context>
<context>
    <name>ClassifyPanel</name>
    <message>
        <source>Open images…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Classify all again</source>
        <translation>全部重新分类</translation>
    </message>
    <message>
        <source>Every image on the list again, with the weights chosen now</source>
        <translation>用当前选择的权重重新分类列表中的每张图像</translation>
    </message>
    <message>
        <source>Drop image files anywhere on the window</source>
        <translation>将图像文件拖放到窗口任意位置</translation>
    </message>
    <message>
        <source>Try the examples</source>
        <translation>试试示例图片</translation>
    </message>
    <message>
        <source>ImageNet weights</source>
        <translation>ImageNet 权重</translation>
    </message>
    <message>
        <source>Answer with GoogLeNet&apos;s ImageNet weights: 1000 classes of photos (animals, objects, food…), as torchvision ships them</source>
        <translation>用 GoogLeNet 的 ImageNet 权重回答：1000 类照片（动物、物品、食物……），与 torchvision 提供的一致</translation>
    </message>
    <message>
        <source>Classify a few pictures that come with the app: clothing from the sample&apos;s test images, a cat and a cup of coffee</source>
        <translation>分类应用自带的几张图片：示例测试集中的服装、一只猫和一杯咖啡</translation>
    </message>
    <message>
        <source>Weights: none loaded yet</source>
        <translation>权重：尚未加载</translation>
    </message>
    <message>
        <source>Weights: {0}</source>
        <translation>权重：{0}</translation>
    </message>
    <message>
        <source>Weights: {0}, not trained yet, so the answers are random: start training, or open a checkpoint.</source>
        <translation>权重：{0}，尚未训练，因此结果是随机的：请开始训练，或打开一个检查点。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <source>These weights know %n class(es), and answer with one of them whatever the image shows: {0}</source>
        <translation>
            <numerusform>这些权重只认识 %n 个类别，无论图像内容如何都会回答其中之一：{0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClosingController</name>
    <message>
        <source>Closing as soon as PyTorch has loaded…</source>
        <translation>PyTorch 加载完成后将立即关闭…</translation>
    </message>
    <message>
        <source>Closing: {0} ({1:.0f} s so far). Close again to quit at once.</source>
        <translation>正在关闭：{0}（已等待 {1:.0f} 秒）。再次关闭可立即退出。</translation>
    </message>
    <message>
        <source>Quit now?</source>
        <translation>立即退出？</translation>
    </message>
    <message>
        <source>Training is finishing its current step before it saves last.pt. Quit now, giving up the work since the last checkpoint? Every checkpoint already saved stays whole.</source>
        <translation>训练正在完成当前一步，然后保存 last.pt。现在退出将放弃自上个检查点以来的工作，确定吗？所有已保存的检查点都会保持完整。</translation>
    </message>
</context>
<context>
    <name>ConfusionModel</name>
    <message>
        <source>true {0}, predicted {1}: {2} ({3})</source>
        <translation>真实类别 {0}，预测类别 {1}：{2}（{3}）</translation>
    </message>
    <message>
        <source>predicted class: {0}</source>
        <translation>预测类别：{0}</translation>
    </message>
    <message>
        <source>true class: {0}</source>
        <translation>真实类别：{0}</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>{name}: damaged, truncated or not a checkpoint ({reason})</source>
        <translation>{name}：文件已损坏、被截断或不是检查点（{reason}）</translation>
    </message>
    <message>
        <source>{name}: not a GoogLeNet Studio checkpoint</source>
        <translation>{name}：不是 GoogLeNet Studio 的检查点</translation>
    </message>
    <message>
        <source>{name} ({position})</source>
        <translation>{name}（{position}）</translation>
    </message>
    <message>
        <source>{name}: is a folder, not a checkpoint</source>
        <translation>{name}：是文件夹，不是检查点</translation>
    </message>
    <message>
        <source>{name}: file not found</source>
        <translation>{name}：找不到文件</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name}：文件是空的</translation>
    </message>
    <message>
        <source>{name}: not a checkpoint (unknown file format)</source>
        <translation>{name}：不是检查点（未知的文件格式）</translation>
    </message>
    <message>
        <source>{name}: refused: not a plain checkpoint; loading it would need Python&apos;s unsafe pickle loader, which can run code</source>
        <translation>{name}：已拒绝：不是普通的检查点；加载它需要 Python 不安全的 pickle 加载器，而它可以执行代码</translation>
    </message>
    <message>
        <source>{name}: damaged checkpoint ({problem})</source>
        <translation>{name}：检查点已损坏（{problem}）</translation>
    </message>
    <message>
        <source>{name}: a bare state_dict, not a GoogLeNet Studio checkpoint (no classes or settings)</source>
        <translation>{name}：只是一个 state_dict，不是 GoogLeNet Studio 的检查点（没有类别和设置）</translation>
    </message>
    <message>
        <source>its format version is not a whole number</source>
        <translation>其格式版本不是整数</translation>
    </message>
    <message>
        <source>{name}: made by a newer version of the app (format {version}); this one reads formats up to {newest}</source>
        <translation>{name}：由更新版本的应用创建（格式 {version}）；此版本最多只能读取格式 {newest}</translation>
    </message>
    <message>
        <source>{name}: incomplete checkpoint (no {key})</source>
        <translation>{name}：检查点不完整（缺少 {key}）</translation>
    </message>
    <message>
        <source>best validation accuracy</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>{what} is not a whole number</source>
        <translation>{what}不是整数</translation>
    </message>
    <message>
        <source>{what} is {value}, outside {low}..{high}</source>
        <translation>{what}为 {value}，超出 {low}..{high}</translation>
    </message>
    <message>
        <source>{what} is not a finite number</source>
        <translation>{what}不是有限数</translation>
    </message>
    <message>
        <source>{what} is outside {low:g}..{high:g}</source>
        <translation>{what}超出 {low:g}..{high:g}</translation>
    </message>
    <message>
        <source>its {what} is not a table of settings</source>
        <translation>其{what}不是设置表</translation>
    </message>
    <message>
        <source>the network must take 1 (grayscale) or 3 (colour) input channels</source>
        <translation>网络的输入通道数必须是 1（灰度）或 3（彩色）</translation>
    </message>
    <message>
        <source>the network&apos;s layout is not one this app knows ({choices})</source>
        <translation>网络的布局不是本应用认识的（{choices}）</translation>
    </message>
    <message>
        <source>the number of classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>class_names is not a list</source>
        <translation>class_names 不是列表</translation>
    </message>
    <message>
        <source>{names} class names for a network of {count} classes</source>
        <translation>{names} 个类别名称，而网络有 {count} 个类别</translation>
    </message>
    <message>
        <source>class name {number} is not text</source>
        <translation>第 {number} 个类别名称不是文本</translation>
    </message>
    <message>
        <source>class name {number} is empty or longer than {most} characters</source>
        <translation>第 {number} 个类别名称为空或超过 {most} 个字符</translation>
    </message>
    <message>
        <source>the preprocessing&apos;s channels</source>
        <translation>预处理的通道数</translation>
    </message>
    <message>
        <source>the preprocessing&apos;s channels differ from the network&apos;s</source>
        <translation>预处理的通道数与网络的不同</translation>
    </message>
    <message>
        <source>the input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>the stored image size</source>
        <translation>存储的图像尺寸</translation>
    </message>
    <message>
        <source>the normalisation mean</source>
        <translation>归一化均值</translation>
    </message>
    <message>
        <source>the normalisation std</source>
        <translation>归一化标准差</translation>
    </message>
    <message>
        <source>the resize before the centre crop</source>
        <translation>中心裁剪前的缩放尺寸</translation>
    </message>
    <message>
        <source>model_state is not a table of tensors</source>
        <translation>model_state 不是张量表</translation>
    </message>
    <message>
        <source>{name}: its weights do not fit the network it describes (missing tensor {key})</source>
        <translation>{name}：其权重与它描述的网络不匹配（缺少张量 {key}）</translation>
    </message>
    <message>
        <source>{name}: its weights do not fit the network it describes (unexpected tensor {key})</source>
        <translation>{name}：其权重与它描述的网络不匹配（多出张量 {key}）</translation>
    </message>
    <message>
        <source>{name}: its weights do not fit the network it describes (size mismatch for {key}: {got} instead of {shape})</source>
        <translation>{name}：其权重与它描述的网络不匹配（{key} 的尺寸为 {got}，应为 {shape}）</translation>
    </message>
    <message>
        <source>{name}: its weights hold NaN or infinite values ({key}); the run that made it had diverged</source>
        <translation>{name}：其权重含有 NaN 或无穷大的值（{key}）；生成它的训练运行已经发散</translation>
    </message>
    <message>
        <source>steps per epoch</source>
        <translation>每轮步数</translation>
    </message>
    <message>
        <source>epochs done</source>
        <translation>已完成轮数</translation>
    </message>
    <message>
        <source>batches done</source>
        <translation>已完成批数</translation>
    </message>
    <message>
        <source>its training settings: {problem}</source>
        <translation>其训练设置：{problem}</translation>
    </message>
    <message>
        <source>the history is not a list of epochs</source>
        <translation>训练历史不是各轮的列表</translation>
    </message>
    <message>
        <source>the history holds {count:,} epochs, more than the {done:,} done</source>
        <translation>训练历史有 {count:,} 轮，多于已完成的 {done:,} 轮</translation>
    </message>
    <message>
        <source>the history&apos;s confusion matrices hold more than {most:,} counts</source>
        <translation>训练历史中的混淆矩阵共有超过 {most:,} 个计数</translation>
    </message>
    <message>
        <source>epoch {epoch}&apos;s confusion matrix is not {n} x {n}</source>
        <translation>第 {epoch} 轮的混淆矩阵不是 {n} x {n}</translation>
    </message>
    <message>
        <source>batch history</source>
        <translation>每批历史</translation>
    </message>
    <message>
        <source>the batch history&apos;s {key} is not a column of numbers</source>
        <translation>每批历史的 {key} 不是一列数字</translation>
    </message>
    <message>
        <source>the batch history&apos;s {key} holds {count:,} values, more than the {most:,} steps done</source>
        <translation>每批历史的 {key} 有 {count:,} 个值，多于已完成的 {most:,} 步</translation>
    </message>
    <message>
        <source>the batch history&apos;s {key}</source>
        <translation>每批历史的 {key}</translation>
    </message>
    <message>
        <source>the batch history&apos;s columns differ in length</source>
        <translation>每批历史的各列长度不同</translation>
    </message>
    <message>
        <source>outlier model</source>
        <translation>离群模型</translation>
    </message>
    <message>
        <source>outlier model&apos;s layers</source>
        <translation>离群模型的各层</translation>
    </message>
    <message>
        <source>the outlier model&apos;s layers are not the network&apos;s</source>
        <translation>离群模型的各层与网络的不一致</translation>
    </message>
    <message>
        <source>outlier model&apos;s {block}</source>
        <translation>离群模型的 {block}</translation>
    </message>
    <message>
        <source>the outlier model&apos;s {block} {what} is not a {shape} float tensor</source>
        <translation>离群模型的 {block} {what} 不是形状为 {shape} 的浮点张量</translation>
    </message>
    <message>
        <source>the outlier model&apos;s {block} {what} holds NaN or infinite values</source>
        <translation>离群模型的 {block} {what} 含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>a threshold</source>
        <translation>某个阈值</translation>
    </message>
    <message>
        <source>the outlier threshold</source>
        <translation>离群阈值</translation>
    </message>
    <message>
        <source>a false positive rate</source>
        <translation>误报率</translation>
    </message>
    <message>
        <source>the images fitted on</source>
        <translation>拟合所用的图像数</translation>
    </message>
    <message>
        <source>resume state</source>
        <translation>继续训练所需的状态</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>有限数</translation>
    </message>
    <message>
        <source>a number, a flag or a short text</source>
        <translation>数字、开关值或短文本</translation>
    </message>
    <message>
        <source>{what} is not {kind}</source>
        <translation>{what}不是{kind}</translation>
    </message>
    <message>
        <source>{what} is not a plain (dense) tensor</source>
        <translation>{what}不是普通（稠密）张量</translation>
    </message>
    <message>
        <source>{what} is on the {device} device, which holds no values</source>
        <translation>{what}位于 {device} 设备上，该设备不保存任何数值</translation>
    </message>
    <message>
        <source>{what} has shape {got}, not {shape}</source>
        <translation>{what}的形状为 {got}，而不是 {shape}</translation>
    </message>
    <message>
        <source>{what} holds {dtype} values, not {expected}</source>
        <translation>{what}含有 {dtype} 类型的值，而不是 {expected}</translation>
    </message>
    <message>
        <source>{what} claims {count:,} values that its stored bytes do not hold</source>
        <translation>{what}声称有 {count:,} 个值，但其存储的字节并不包含这些值</translation>
    </message>
    <message>
        <source>{what} holds NaN or infinite values</source>
        <translation>{what}含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>{what} is not a list of {count} numbers</source>
        <translation>{what}不是由 {count} 个数字组成的列表</translation>
    </message>
    <message>
        <source>the {table}&apos;s {key}</source>
        <translation>{table}的 {key}</translation>
    </message>
    <message>
        <source>{what} has a setting whose name is not a short text</source>
        <translation>{what}中有一个设置的名称不是短文本</translation>
    </message>
    <message>
        <source>optimizer state</source>
        <translation>优化器状态</translation>
    </message>
    <message>
        <source>schedule state</source>
        <translation>学习率调度状态</translation>
    </message>
    <message>
        <source>the optimizer state is not a table of exactly {keys}</source>
        <translation>优化器状态不是恰好由 {keys} 组成的表</translation>
    </message>
    <message>
        <source>the optimizer&apos;s per-parameter state</source>
        <translation>优化器的逐参数状态</translation>
    </message>
    <message>
        <source>the optimizer state names a parameter the network does not have</source>
        <translation>优化器状态提到了网络中不存在的参数</translation>
    </message>
    <message>
        <source>the optimizer state of parameter {index}</source>
        <translation>参数 {index} 的优化器状态</translation>
    </message>
    <message>
        <source>{what} holds {keys}, not what the run&apos;s optimizer keeps ({expected})</source>
        <translation>{what}含有 {keys}，而不是本次运行的优化器所保存的内容（{expected}）</translation>
    </message>
    <message>
        <source>{what} ({key})</source>
        <translation>{what}（{key}）</translation>
    </message>
    <message>
        <source>the optimizer&apos;s parameter groups are not a list of 1 to {most} groups</source>
        <translation>优化器的参数组不是包含 1 到 {most} 个组的列表</translation>
    </message>
    <message>
        <source>an optimizer parameter group</source>
        <translation>某个优化器参数组</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>the optimizer&apos;s parameter groups do not list each of the network&apos;s {count} parameters once</source>
        <translation>优化器的参数组没有把网络的 {count} 个参数各列出恰好一次</translation>
    </message>
    <message>
        <source>the schedule state has no {key}</source>
        <translation>学习率调度状态缺少 {key}</translation>
    </message>
    <message>
        <source>the schedule state holds an optimizer of its own</source>
        <translation>学习率调度状态中含有它自己的优化器</translation>
    </message>
    <message>
        <source>the schedule state is at step {got}, the checkpoint at step {step}</source>
        <translation>学习率调度状态位于第 {got} 步，而检查点位于第 {step} 步</translation>
    </message>
    <message>
        <source>the random number state {key!r}</source>
        <translation>随机数状态 {key!r}</translation>
    </message>
    <message>
        <source>gradient scaler state</source>
        <translation>梯度缩放器状态</translation>
    </message>
    <message>
        <source>the stored shuffle is not a list of image indices</source>
        <translation>存储的打乱顺序不是图像索引列表</translation>
    </message>
    <message>
        <source>random number state</source>
        <translation>随机数状态</translation>
    </message>
    <message>
        <source>the epoch&apos;s partial sums are not three numbers</source>
        <translation>本轮的部分和不是三个数字</translation>
    </message>
    <message>
        <source>a partial sum</source>
        <translation>某个部分和</translation>
    </message>
    <message>
        <source>the epoch&apos;s time so far</source>
        <translation>本轮至今的用时</translation>
    </message>
    <message>
        <source>disk full while saving {file} in {folder}; the previous checkpoint is kept</source>
        <translation>在 {folder} 中保存 {file} 时磁盘已满；已保留之前的检查点</translation>
    </message>
    <message>
        <source>cannot save {file}: {reason}; the previous checkpoint is kept</source>
        <translation>无法保存 {file}：{reason}；已保留之前的检查点</translation>
    </message>
    <message>
        <source>input size {size} is too small; the smallest that works is {smallest}</source>
        <translation>输入尺寸 {size} 太小；可用的最小尺寸为 {smallest}</translation>
    </message>
    <message>
        <source>setting {setting} must be {kind}</source>
        <translation>设置 {setting} 必须是{kind}</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Adam (AdamW with weight decay)</source>
        <translation>Adam（有权重衰减时为 AdamW）</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation>余弦衰减</translation>
    </message>
    <message>
        <source>One-cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <source>The last layer only</source>
        <translation>仅最后一层</translation>
    </message>
    <message>
        <source>Block 5 and the last layer</source>
        <translation>第 5 块和最后一层</translation>
    </message>
    <message>
        <source>Blocks 4 and 5 and the last layer</source>
        <translation>第 4、5 块和最后一层</translation>
    </message>
    <message>
        <source>Blocks 3 to 5 and the last layer</source>
        <translation>第 3 至 5 块和最后一层</translation>
    </message>
    <message>
        <source>Blocks 2 to 5 and the last layer</source>
        <translation>第 2 至 5 块和最后一层</translation>
    </message>
    <message>
        <source>The whole network</source>
        <translation>整个网络</translation>
    </message>
    <message>
        <source>Automatic (bf16/fp16 where fast)</source>
        <translation>自动（在更快时使用 bf16/fp16）</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>float16 (CUDA)</source>
        <translation>float16（CUDA）</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>What to train on: sample, cifar10, fashion-mnist, mnist or folder</source>
        <translation>训练用的数据：sample、cifar10、fashion-mnist、mnist 或 folder</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Where the dataset lives (for folder: the image folder itself)</source>
        <translation>数据集所在的位置（folder 时即图像文件夹本身）</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>The side in pixels every image is resized to before the network sees it</source>
        <translation>每张图像在送入网络前缩放到的边长（像素）</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>How many times training goes through every training image (or through Images per epoch); the run validates after each</source>
        <translation>训练遍历全部训练图像（或“每轮图像数”）的次数；每轮结束后验证</translation>
    </message>
    <message>
        <source>Images per epoch</source>
        <translation>每轮图像数</translation>
    </message>
    <message>
        <source>How many training images an epoch trains on before it validates: fewer than the set validates more often (each epoch a fresh random part), more goes on into a fresh shuffle (every image at least once an epoch), so the epochs fit a time; 0: the whole set once</source>
        <translation>每轮在验证前训练的图像数：少于全集则验证更频繁（每轮随机取一部分），多于全集则继续进入新的打乱顺序（每轮每张图像至少一次），让轮数适合给定的时间；0：全集一次</translation>
    </message>
    <message>
        <source>the whole set</source>
        <translation>全集</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Images per training step (at least 2: BatchNorm needs two images to train)</source>
        <translation>每个训练步的图像数（至少 2：BatchNorm 训练需要两张图像）</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How the weights follow their gradients: Adam (AdamW when there is weight decay) or SGD with momentum</source>
        <translation>权重如何随梯度更新：Adam（有权重衰减时为 AdamW）或带动量的 SGD</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>How far each step moves the weights (with a schedule: its peak)</source>
        <translation>每一步移动权重的幅度（使用调度时为其峰值）</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>SGD&apos;s momentum (Adam ignores it)</source>
        <translation>SGD 的动量（Adam 不使用）</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Pulls every weight towards zero a little each step (decoupled, as in AdamW, with Adam; L2 with SGD); 0: none</source>
        <translation>每一步把每个权重稍微拉向零（Adam 时为解耦式，同 AdamW；SGD 时为 L2）；0：不使用</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run</source>
        <translation>学习率在训练过程中如何变化</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Random crops (and flips where they keep the class) of the training images</source>
        <translation>对训练图像随机裁剪（以及不改变类别时的翻转）</translation>
    </message>
    <message>
        <source>Plain last epochs</source>
        <translation>最后不增强的轮数</translation>
    </message>
    <message>
        <source>With augmentation: the last this many epochs train on the images as they are, as the test images are; 0: every epoch is augmented</source>
        <translation>使用数据增强时：最后这么多轮直接用原始图像训练，与测试图像一致；0：每一轮都增强</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Spreads this share of each training label over all classes, so the network is not pushed to total certainty; 0: none</source>
        <translation>把每个训练标签的这一比例分摊到所有类别，使网络不被推向完全确定；0：不使用</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Makes the run repeatable: the same seed and settings train the same weights</source>
        <translation>使训练可重复：相同的种子和设置训练出相同的权重</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where to train: cpu, cuda, cuda:N or mps</source>
        <translation>在哪里训练：cpu、cuda、cuda:N 或 mps</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>The arithmetic of training: automatic takes bf16 or fp16 where the device is faster with it</source>
        <translation>训练的数值精度：自动在设备更快时使用 bf16 或 fp16</translation>
    </message>
    <message>
        <source>Channels-last memory layout</source>
        <translation>channels-last 内存布局</translation>
    </message>
    <message>
        <source>Keep activations channels-last (faster on CPUs and recent GPUs)</source>
        <translation>以通道在后（channels-last）布局保存激活（在 CPU 和较新的 GPU 上更快）</translation>
    </message>
    <message>
        <source>Training images used</source>
        <translation>使用的训练图像数</translation>
    </message>
    <message>
        <source>Use at most this many training images</source>
        <translation>最多使用这么多张训练图像</translation>
    </message>
    <message>
        <source>Validation images used</source>
        <translation>使用的验证图像数</translation>
    </message>
    <message>
        <source>Use at most this many validation images</source>
        <translation>最多使用这么多张验证图像</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>The share of each class held out for validation (image folders without val/)</source>
        <translation>每个类别留作验证的比例（没有 val/ 的图像文件夹）</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <source>CPU threads for training</source>
        <translation>训练使用的 CPU 线程数</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <source>The weights a run starts from: imagenet (GoogLeNet&apos;s ImageNet weights) or a checkpoint file, with a new last layer for the data&apos;s classes; none: random weights</source>
        <translation>训练开始时的权重：imagenet（GoogLeNet 的 ImageNet 权重）或一个检查点文件，并为数据的类别换上新的最后一层；不设置：随机权重</translation>
    </message>
    <message>
        <source>Layers to train</source>
        <translation>训练的层</translation>
    </message>
    <message>
        <source>With starting weights: what trains (head: the last layer only, its features computed once, seconds an epoch; blockN: that block and those after it; all: the whole network, its starting layers at a tenth of the rate); the rest keeps the starting weights</source>
        <translation>使用起始权重时训练哪些部分（head：仅最后一层，特征只计算一次，每轮只需几秒；blockN：该块及其后的块；all：整个网络，预训练的层以十分之一的学习率训练）；其余部分保持起始权重</translation>
    </message>
    <message>
        <source>the starting weights must be imagenet or a checkpoint file (leave it out to start from random weights)</source>
        <translation>起始权重必须是 imagenet 或一个检查点文件（不设置则从随机权重开始）</translation>
    </message>
    <message>
        <source>training only some layers needs starting weights (imagenet or a checkpoint): random layers left untrained learn nothing</source>
        <translation>只训练部分层需要起始权重（imagenet 或检查点）：不训练的随机层什么也学不到</translation>
    </message>
    <message>
        <source>training the last layer only computes each image&apos;s features once, so it cannot augment them: turn augmentation off, or train more layers</source>
        <translation>只训练最后一层时，每张图像的特征只计算一次，因此无法做数据增强：请关闭数据增强，或训练更多的层</translation>
    </message>
    <message>
        <source>an epoch of 1 image cannot train: BatchNorm needs two images (0: the whole set)</source>
        <translation>一轮只有 1 张图像无法训练：BatchNorm 需要两张图像（0：全集）</translation>
    </message>
    <message>
        <source>cannot read the settings in {name}: {reason}</source>
        <translation>无法读取 {name} 中的设置：{reason}</translation>
    </message>
    <message>
        <source>{name} holds no settings</source>
        <translation>{name} 不包含设置</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>{setting} must be one of {choices}</source>
        <translation>{setting}必须是以下之一：{choices}</translation>
    </message>
    <message>
        <source>{setting} must be at least {low}</source>
        <translation>{setting}必须至少为 {low}</translation>
    </message>
    <message>
        <source>{setting} must be at least {low} and less than {high}</source>
        <translation>{setting}必须至少为 {low} 且小于 {high}</translation>
    </message>
    <message>
        <source>{setting} must be between {low} and {high}</source>
        <translation>{setting}必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
        <source>{name}: {file} not found under {root} (download it, or pick the folder that holds it)</source>
        <translation>{name}：在 {root} 下找不到 {file}（请下载，或选择包含它的文件夹）</translation>
    </message>
    <message>
        <source>folder: choose the folder that holds one sub-folder per class</source>
        <translation>图像文件夹：请选择每个类别有一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>unknown split {name!r}; choose one of: {choices}</source>
        <translation>未知的数据划分 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>the built-in sample dataset cannot be read ({reason})</source>
        <translation>无法读取内置的示例数据集（{reason}）</translation>
    </message>
    <message>
        <source>{file}: cannot decompress ({reason})</source>
        <translation>{file}：无法解压（{reason}）</translation>
    </message>
    <message>
        <source>{file}: not a valid IDX file ({kind})</source>
        <translation>{file}：不是有效的 IDX 文件（{kind}）</translation>
    </message>
    <message>
        <source>{name}: {split} images and labels differ in count</source>
        <translation>{name}：{split} 的图像数与标签数不同</translation>
    </message>
    <message>
        <source>{name}: labels outside 0..{last}; the files are corrupt</source>
        <translation>{name}：标签超出 0..{last}；文件已损坏</translation>
    </message>
    <message>
        <source>{file}: not a valid CIFAR-10 batch ({reason})</source>
        <translation>{file}：不是有效的 CIFAR-10 批文件（{reason}）</translation>
    </message>
    <message>
        <source>{file}: images and labels differ in count</source>
        <translation>{file}：图像数与标签数不同</translation>
    </message>
    <message>
        <source>{folder}: folder not found</source>
        <translation>{folder}：找不到文件夹</translation>
    </message>
    <message>
        <source>{folder}: needs at least two class sub-folders with images (found {found})</source>
        <translation>{folder}：至少需要两个含有图像的类别子文件夹（找到 {found} 个）</translation>
    </message>
    <message>
        <source>{folder}: no image files in its class folders</source>
        <translation>{folder}：其类别文件夹中没有图像文件</translation>
    </message>
    <message>
        <source>{folder}: none of the {count} image files could be read</source>
        <translation>{folder}：{count} 个图像文件都无法读取</translation>
    </message>
    <message>
        <source>{folder}: needs readable images in at least two classes (found {found})</source>
        <translation>{folder}：至少需要两个类别有可读取的图像（找到 {found} 个）</translation>
    </message>
    <message>
        <source>{count} unreadable image file skipped</source>
        <translation>跳过了 {count} 个无法读取的图像文件</translation>
    </message>
    <message>
        <source>{count} unreadable image files skipped</source>
        <translation>跳过了 {count} 个无法读取的图像文件</translation>
    </message>
    <message>
        <source>{folder}: needs at least two class sub-folders (found {found})</source>
        <translation>{folder}：至少需要两个类别子文件夹（找到 {found} 个）</translation>
    </message>
    <message>
        <source>unknown dataset {name!r}</source>
        <translation>未知的数据集 {name!r}</translation>
    </message>
    <message>
        <source>extracting {file}</source>
        <translation>正在解压 {file}</translation>
    </message>
    <message>
        <source>{file}: the archive does not hold the CIFAR-10 batches</source>
        <translation>{file}：压缩包中没有 CIFAR-10 的批文件</translation>
    </message>
    <message>
        <source>{name}: nothing to download</source>
        <translation>{name}：没有需要下载的内容</translation>
    </message>
    <message>
        <source>unknown dataset {name!r}; choose one of: {choices}</source>
        <translation>未知的数据集 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>there is no class &apos;{name}&apos;</source>
        <translation>没有类别“{name}”</translation>
    </message>
    <message>
        <source>cannot make the class folder &apos;{name}&apos; ({reason})</source>
        <translation>无法创建类别文件夹“{name}”（{reason}）</translation>
    </message>
    <message>
        <source>{folder}: a file of that name exists</source>
        <translation>{folder}：已有同名文件</translation>
    </message>
    <message>
        <source>{folder} is not empty: choose a new folder, or edit it as a dataset</source>
        <translation>{folder} 不是空的：请选择一个新文件夹，或将它作为数据集编辑</translation>
    </message>
    <message>
        <source>{folder}: cannot create the folder ({reason})</source>
        <translation>{folder}：无法创建文件夹（{reason}）</translation>
    </message>
    <message>
        <source>{folder}: cannot be read ({reason})</source>
        <translation>{folder}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>there is no class &apos;{name}&apos; in {folder}</source>
        <translation>{folder} 中没有类别“{name}”</translation>
    </message>
    <message>
        <source>{file} leads outside the dataset folder (through a link); nothing was changed</source>
        <translation>{file} 通过链接指向数据集文件夹之外；未做任何更改</translation>
    </message>
    <message>
        <source>cannot rename &apos;{name}&apos; ({reason})</source>
        <translation>无法重命名“{name}”（{reason}）</translation>
    </message>
    <message>
        <source>{file} is not an image of this dataset</source>
        <translation>{file} 不是此数据集的图像</translation>
    </message>
    <message>
        <source>cannot remove {file} ({reason})</source>
        <translation>无法移除 {file}（{reason}）</translation>
    </message>
    <message>
        <source>{file}: {format} images are not read by training</source>
        <translation>{file}：训练不读取 {format} 图像</translation>
    </message>
    <message>
        <source>{file}: this image format is not read by training</source>
        <translation>{file}：训练不读取这种图像格式</translation>
    </message>
    <message>
        <source>{file}: cannot copy ({reason})</source>
        <translation>{file}：无法复制（{reason}）</translation>
    </message>
    <message>
        <source>cannot save the image ({reason})</source>
        <translation>无法保存图像（{reason}）</translation>
    </message>
    <message>
        <source>{file}: already in this dataset</source>
        <translation>{file}：已在此数据集中</translation>
    </message>
    <message>
        <source>device {device!r} is not available on this machine; available: {choices}</source>
        <translation>本机上没有设备 {device!r}；可用的设备：{choices}</translation>
    </message>
    <message>
        <source>{file}: download failed: {reason}</source>
        <translation>{file}：下载失败：{reason}</translation>
    </message>
    <message>
        <source>downloading {file}</source>
        <translation>正在下载 {file}</translation>
    </message>
    <message>
        <source>{file}: download cut off after {done:,} of {total:,} bytes</source>
        <translation>{file}：下载在 {done:,} / {total:,} 字节处中断</translation>
    </message>
    <message>
        <source>{file}: checksum mismatch (the file is damaged or not the expected one)</source>
        <translation>{file}：校验和不匹配（文件已损坏或不是预期的文件）</translation>
    </message>
    <message>
        <source>{file}: server answered {code} {reason} for {url}</source>
        <translation>{file}：服务器对 {url} 的回应是 {code} {reason}</translation>
    </message>
    <message>
        <source>{file}: download cut off after {done:,} more bytes</source>
        <translation>{file}：又下载 {done:,} 字节后中断</translation>
    </message>
    <message>
        <source>no internet connection (the server&apos;s name could not be looked up)</source>
        <translation>没有网络连接（无法解析服务器的名称）</translation>
    </message>
    <message>
        <source>the server refused the connection</source>
        <translation>服务器拒绝了连接</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>服务器没有及时回应</translation>
    </message>
    <message>
        <source>the secure connection failed ({reason})</source>
        <translation>安全连接失败（{reason}）</translation>
    </message>
    <message>
        <source>{file}: no mirror to download from</source>
        <translation>{file}：没有可以下载的镜像</translation>
    </message>
    <message>
        <source>{file}: cannot extract ({reason})</source>
        <translation>{file}：无法解压（{reason}）</translation>
    </message>
    <message>
        <source>training failed: {reason}</source>
        <translation>训练失败：{reason}</translation>
    </message>
    <message>
        <source>the run folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>cannot write to {where}: {what}.</source>
        <translation>无法写入 {where}：{what}。</translation>
    </message>
    <message>
        <source>unexpected error: {kind}: {reason}</source>
        <translation>意外错误：{kind}：{reason}</translation>
    </message>
    <message>
        <source>before training started</source>
        <translation>在训练开始之前</translation>
    </message>
    <message>
        <source>while validating epoch {epoch}</source>
        <translation>在验证第 {epoch} 轮时</translation>
    </message>
    <message>
        <source>at epoch {epoch}, batch {batch}</source>
        <translation>在第 {epoch} 轮第 {batch} 批</translation>
    </message>
    <message>
        <source>{failure}. The last good checkpoint is kept.</source>
        <translation>{failure}。最后一个正常的检查点已保留。</translation>
    </message>
    <message>
        <source>out of {device} memory {where} (batch size {batch_size}, input {input_size}); try a smaller batch size or input size</source>
        <translation>{where}，{device} 内存不足（批量大小 {batch_size}，输入 {input_size}）；请尝试更小的批量大小或输入尺寸</translation>
    </message>
    <message>
        <source>batch size {batch_size} is too small for {processes} processes: each needs at least two images (the batch size is the global one)</source>
        <translation>批量大小 {batch_size} 对 {processes} 个进程来说太小：每个进程至少需要两张图像（批量大小是全局的）</translation>
    </message>
    <message>
        <source>loading data</source>
        <translation>正在加载数据</translation>
    </message>
    <message>
        <source>{name}: needs at least two training images (found {found})</source>
        <translation>{name}：至少需要两张训练图像（找到 {found} 张）</translation>
    </message>
    <message>
        <source>validating</source>
        <translation>正在验证</translation>
    </message>
    <message>
        <source>reading the starting weights</source>
        <translation>正在读取起始权重</translation>
    </message>
    <message>
        <source>computing the features of every image once</source>
        <translation>正在为每张图像计算一次特征</translation>
    </message>
    <message>
        <source>batch size lowered to {batch_size}: the training set has only {count} images</source>
        <translation>批量大小已降为 {batch_size}：训练集只有 {count} 张图像</translation>
    </message>
    <message>
        <source>loss became NaN at epoch {epoch}, batch {batch}; training stopped. Try a lower learning rate.</source>
        <translation>损失在第 {epoch} 轮第 {batch} 批变为 NaN；训练已停止。请尝试更低的学习率。</translation>
    </message>
    <message>
        <source>loss became infinite at epoch {epoch}, batch {batch}; training stopped. Try a lower learning rate.</source>
        <translation>损失在第 {epoch} 轮第 {batch} 批变为无穷大；训练已停止。请尝试更低的学习率。</translation>
    </message>
    <message>
        <source>fitting the statistics and the outlier model to the weights</source>
        <translation>正在为这些权重重新计算统计量并拟合离群模型</translation>
    </message>
    <message>
        <source>the run folder {folder} was deleted while training; it was made again with the run&apos;s checkpoint and its log rebuilt from memory</source>
        <translation>运行文件夹 {folder} 在训练时被删除；已重新创建，并写入本次运行的检查点，日志也已根据内存中的记录重建</translation>
    </message>
    <message>
        <source>{name}: holds weights only, not the state a resume needs; classify with it, or start a new run</source>
        <translation>{name}：只含权重，没有继续训练所需的状态；可以用它分类，或开始新的训练运行</translation>
    </message>
    <message>
        <source>{name}: made with {made} batches per epoch, this data gives {now}: resume with the same dataset, limits and batch size</source>
        <translation>{name}：创建时每轮 {made} 批，而现在的数据每轮 {now} 批：请用相同的数据集、图像上限和批量大小继续训练</translation>
    </message>
    <message>
        <source>{name}: its stored shuffle is not an order of this dataset&apos;s {count} training images</source>
        <translation>{name}：其存储的打乱顺序不是此数据集 {count} 张训练图像的排列</translation>
    </message>
    <message>
        <source>{name}: cannot resume: {problem}</source>
        <translation>{name}：无法继续训练：{problem}</translation>
    </message>
    <message>
        <source>cannot resume from {name} ({kind}: {reason})</source>
        <translation>无法从 {name} 继续训练（{kind}：{reason}）</translation>
    </message>
    <message>
        <source>{name}: holds no training settings, so it cannot be resumed</source>
        <translation>{name}：没有训练设置，因此无法继续训练</translation>
    </message>
    <message>
        <source>{name} has already trained {epochs} epochs: ask for more than that to continue</source>
        <translation>{name} 已经训练了 {epochs} 轮：要继续训练，请设置更多的轮数</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>{name}: made for {channels} channel(s) and {classes} classes, but {dataset} has {dataset_channels} and {dataset_classes}</source>
        <translation>{name}：为 {channels} 个通道和 {classes} 个类别创建，而 {dataset} 有 {dataset_channels} 个通道和 {dataset_classes} 个类别</translation>
    </message>
    <message>
        <source>this checkpoint holds no training settings, so its dataset is not known: name one</source>
        <translation>此检查点没有训练设置，因此不知道它的数据集：请指定一个</translation>
    </message>
    <message>
        <source>{name}: made for {channels}-channel images, {dataset} has {dataset_channels}</source>
        <translation>{name}：为 {channels} 通道的图像创建，而 {dataset} 有 {dataset_channels} 个通道</translation>
    </message>
    <message>
        <source>{name}: made for {classes} classes ({names}), {dataset} has {dataset_classes} ({dataset_names})</source>
        <translation>{name}：为 {classes} 个类别（{names}）创建，而 {dataset} 有 {dataset_classes} 个（{dataset_names}）</translation>
    </message>
    <message>
        <source>{name}: {dataset}&apos;s class {unknown!r} is not one of its {classes} classes ({names}); to evaluate these weights on it, name every class as the weights name it</source>
        <translation>{name}：{dataset} 的类别 {unknown!r} 不在它的 {classes} 个类别中（{names}）；要用这些权重评估该数据集，请按权重中的名称为每个类别命名</translation>
    </message>
    <message>
        <source>{name}: weights do not fit the network ({problem})</source>
        <translation>{name}：权重与网络不匹配（{problem}）</translation>
    </message>
    <message>
        <source>at {position}</source>
        <translation>在{position}</translation>
    </message>
    <message>
        <source>epoch {epoch}, batch {batch} of {batches}</source>
        <translation>第 {epoch} 轮，第 {batch} 批（共 {batches} 批）</translation>
    </message>
    <message>
        <source>after epoch {epoch}</source>
        <translation>第 {epoch} 轮之后</translation>
    </message>
    <message>
        <source>before training</source>
        <translation>训练之前</translation>
    </message>
    <message>
        <source>an epoch record is not a table of values</source>
        <translation>某轮的记录不是数值表</translation>
    </message>
    <message>
        <source>an epoch record&apos;s {field} is missing or not a number</source>
        <translation>某轮记录的 {field} 缺失或不是数字</translation>
    </message>
    <message>
        <source>an epoch record&apos;s {field} is not a whole number from 0 to {most}</source>
        <translation>某轮记录的 {field} 不是 0 到 {most} 之间的整数</translation>
    </message>
    <message>
        <source>an epoch record&apos;s {field} is not a finite number between -{most:g} and {most:g}</source>
        <translation>某轮记录的 {field} 不是 -{most:g} 到 {most:g} 之间的有限数</translation>
    </message>
    <message>
        <source>an epoch record&apos;s {field} is not a fraction</source>
        <translation>某轮记录的 {field} 不是 0 到 1 之间的比例</translation>
    </message>
    <message>
        <source>an epoch record&apos;s confusion matrix is not a list of 2 to {most} rows</source>
        <translation>某轮记录的混淆矩阵不是 2 到 {most} 行的列表</translation>
    </message>
    <message>
        <source>an epoch record&apos;s confusion matrix has a row that is not a list</source>
        <translation>某轮记录的混淆矩阵有一行不是列表</translation>
    </message>
    <message>
        <source>an epoch record&apos;s confusion matrix repeats a list</source>
        <translation>某轮记录的混淆矩阵重复引用了同一个列表</translation>
    </message>
    <message>
        <source>an epoch record&apos;s confusion matrix is not square</source>
        <translation>某轮记录的混淆矩阵不是方阵</translation>
    </message>
    <message>
        <source>an epoch record&apos;s confusion matrix holds something other than counts</source>
        <translation>某轮记录的混淆矩阵含有计数以外的内容</translation>
    </message>
    <message>
        <source>{format} export needs {packages}: {command}</source>
        <translation>导出 {format} 需要 {packages}：{command}</translation>
    </message>
    <message>
        <source>unknown export format {format!r}: use {choices}</source>
        <translation>未知的导出格式 {format!r}：请使用 {choices}</translation>
    </message>
    <message>
        <source>{file}: not a regular file</source>
        <translation>{file}：不是普通文件</translation>
    </message>
    <message>
        <source>{file}: is a folder; give a file name</source>
        <translation>{file}：是文件夹；请给出文件名</translation>
    </message>
    <message>
        <source>{file}: not a regular file (a pipe, a device or a socket); it is not replaced</source>
        <translation>{file}：不是普通文件（而是管道、设备或套接字）；不会替换它</translation>
    </message>
    <message>
        <source>{file}: is the file being read; write to another file</source>
        <translation>{file}：正是要读取的文件；请写入另一个文件</translation>
    </message>
    <message>
        <source>{file}: larger than {most:,} bytes, more than a file of its kind holds</source>
        <translation>{file}：大于 {most:,} 字节，超出这类文件应有的大小</translation>
    </message>
    <message>
        <source>{folder}: no such folder</source>
        <translation>{folder}：没有这个文件夹</translation>
    </message>
    <message>
        <source>cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>{format} export failed: {kind}: {reason}</source>
        <translation>{format} 导出失败：{kind}：{reason}</translation>
    </message>
    <message>
        <source>{name}: cannot read {file} ({reason})</source>
        <translation>{name}：无法读取 {file}（{reason}）</translation>
    </message>
    <message>
        <source>{name}: the run folder was deleted or moved; following stopped</source>
        <translation>{name}：运行文件夹已被删除或移动；已停止跟踪</translation>
    </message>
    <message>
        <source>{name}: is a folder, not an image</source>
        <translation>{name}：是文件夹，不是图像</translation>
    </message>
    <message>
        <source>{name}: not a regular file</source>
        <translation>{name}：不是普通文件</translation>
    </message>
    <message>
        <source>{name}: empty file (0 bytes)</source>
        <translation>{name}：空文件（0 字节）</translation>
    </message>
    <message>
        <source>{name}: permission denied</source>
        <translation>{name}：没有权限</translation>
    </message>
    <message>
        <source>{name}: cannot open ({reason})</source>
        <translation>{name}：无法打开（{reason}）</translation>
    </message>
    <message>
        <source>{name}: image too large ({width}x{height} pixels; the limit is {limit:,} pixels)</source>
        <translation>{name}：图像太大（{width}x{height} 像素；上限为 {limit:,} 像素）</translation>
    </message>
    <message>
        <source>{name}: image too large to decode safely ({width}x{height} {mode} pixels need {needed:,.0f} MiB; the limit is {limit:,.0f} MiB)</source>
        <translation>{name}：图像太大，无法安全解码（{width}x{height} 的 {mode} 像素需要 {needed:,.0f} MiB；上限为 {limit:,.0f} MiB）</translation>
    </message>
    <message>
        <source>{name}: image too large (over {limit:,} pixels)</source>
        <translation>{name}：图像太大（超过 {limit:,} 像素）</translation>
    </message>
    <message>
        <source>{name}: not an image format this app can read</source>
        <translation>{name}：不是本应用能读取的图像格式</translation>
    </message>
    <message>
        <source>{name}: not enough memory to decode this image</source>
        <translation>{name}：内存不足，无法解码此图像</translation>
    </message>
    <message>
        <source>{name}: truncated or corrupt image ({reason})</source>
        <translation>{name}：图像被截断或已损坏（{reason}）</translation>
    </message>
    <message>
        <source>these weights give no answer (NaN): the run that made them diverged</source>
        <translation>这些权重给不出答案（NaN）：生成它们的训练运行已经发散</translation>
    </message>
    <message>
        <source>batch size {largest} or less fits at input {input_size}</source>
        <translation>输入 {input_size} 时，批量大小 {largest} 或更小可以放下</translation>
    </message>
    <message>
        <source>even a batch of 2 does not fit at input {input_size}: choose a smaller input size</source>
        <translation>输入 {input_size} 时，连大小为 2 的批量也放不下：请选择更小的输入尺寸</translation>
    </message>
    <message>
        <source>not enough memory: batch size {batch_size} at input {input_size} needs about {needed} ({activations} for the batch&apos;s activations), and {where} has {available} free; {advice}</source>
        <translation>内存不足：输入 {input_size} 时批量大小 {batch_size} 约需 {needed}（其中该批的激活值占 {activations}），而{where}只有 {available} 可用；{advice}</translation>
    </message>
    <message>
        <source>{name}: cannot convert this image ({reason})</source>
        <translation>{name}：无法转换此图像（{reason}）</translation>
    </message>
    <message>
        <source>these weights</source>
        <translation>这些权重</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未训练的权重</translation>
    </message>
    <message>
        <source>live weights, {position}</source>
        <translation>实时权重，{position}</translation>
    </message>
    <message>
        <source>{weights}: they give no answer (NaN): the run that made them diverged</source>
        <translation>{weights}：给不出答案（NaN）：生成它们的训练运行已经发散</translation>
    </message>
    <message>
        <source>no &quot;unlike the training images&quot; flag yet: for a run&apos;s weights within an epoch it waits for the epoch&apos;s end, when its model is fitted for them</source>
        <translation>暂无“与训练图像不同”的标记：训练中途的权重要等到本轮结束、为它们拟合好模型后才有此标记</translation>
    </message>
    <message>
        <source>no &quot;unlike the training images&quot; flag: these weights come without a model of the images they learned from</source>
        <translation>没有“与训练图像不同”的标记：这些权重不带有其训练图像的模型</translation>
    </message>
    <message>
        <source>{folder} is being written by another training; choose another run folder or stop that training first</source>
        <translation>{folder} 正被另一个训练写入；请选择其他运行文件夹，或先停止那个训练</translation>
    </message>
    <message>
        <source>a run&apos;s name can be at most {most} characters</source>
        <translation>训练运行的名称最多 {most} 个字符</translation>
    </message>
    <message>
        <source>a note can be at most {most:,} characters</source>
        <translation>备注最多 {most:,} 个字符</translation>
    </message>
    <message>
        <source>{folder}: the run folder is gone</source>
        <translation>{folder}：运行文件夹已不存在</translation>
    </message>
    <message>
        <source>cannot save the notes of {folder}: {reason}</source>
        <translation>无法保存 {folder} 的备注：{reason}</translation>
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} does not begin with a run&apos;s settings</source>
        <translation>{file} 的开头不是训练运行的设置</translation>
    </message>
    <message>
        <source>unknown network layout {layout!r}; the layouts are {choices}</source>
        <translation>未知的网络布局 {layout!r}；可用的布局有 {choices}</translation>
    </message>
    <message>
        <source>channels, height, width and classes must all be at least 1</source>
        <translation>通道数、高度、宽度和类别数都必须至少为 1</translation>
    </message>
    <message>
        <source>input {height}x{width} is too small: it breaks in {block} at {layer} ({kind}); the smallest size that works is {smallest}x{smallest}</source>
        <translation>输入 {height}x{width} 太小：在 {block} 的 {layer}（{kind}）处无法继续；可用的最小尺寸为 {smallest}x{smallest}</translation>
    </message>
    <message>
        <source>TensorBoard logging stopped: {reason}</source>
        <translation>TensorBoard 日志已停止：{reason}</translation>
    </message>
    <message>
        <source>TensorBoard logs need the tensorboard package: {command}</source>
        <translation>TensorBoard 日志需要 tensorboard 包：{command}</translation>
    </message>
    <message>
        <source>{file} is {size:.0f} MB, more than a timeline can be ({most} MB): it is not read</source>
        <translation>{file} 有 {size:.0f} MB，超过时间线的上限（{most} MB）：不予读取</translation>
    </message>
    <message>
        <source>{weights}: they give no answer (NaN)</source>
        <translation>{weights}：给不出答案（NaN）</translation>
    </message>
    <message>
        <source>clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation>拖放的图像</translation>
    </message>
    <message>
        <source>the image is too large ({width}x{height} pixels)</source>
        <translation>图像太大（{width}x{height} 像素）</translation>
    </message>
    <message>
        <source>validation image {index} (true {name})</source>
        <translation>验证图像 {index}（真实类别 {name}）</translation>
    </message>
    <message>
        <source>validation image {index}</source>
        <translation>验证图像 {index}</translation>
    </message>
    <message>
        <source>training ended without a result</source>
        <translation>训练结束但没有结果</translation>
    </message>
    <message>
        <source>Xeon, Sapphire Rapids class, bf16</source>
        <translation>至强，Sapphire Rapids 级，bf16</translation>
    </message>
    <message>
        <source>Tutorial</source>
        <translation>教程</translation>
    </message>
    <message>
        <source>the reference notebook&apos;s settings exactly: input 96, batch 64, Adam 1e-3, no schedule, 20 epochs, float32</source>
        <translation>与参考笔记本完全相同的设置：输入 96，批量大小 64，Adam 1e-3，无学习率调度，20 轮，float32</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>input 64, batch 128, Adam 3e-3 with a one-cycle schedule over 2 epochs, bf16 where the CPU has it</source>
        <translation>输入 64，批量大小 128，Adam 3e-3，2 轮单周期学习率调度，CPU 支持时使用 bf16</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>充分</translation>
    </message>
    <message>
        <source>input 64, batch 128, AdamW 2e-3 (weight decay 0.05) with a one-cycle schedule over 12 epochs, random crops and flips except in the last 2, label smoothing 0.1</source>
        <translation>输入 64，批量大小 128，AdamW 2e-3（权重衰减 0.05），12 轮单周期学习率调度，随机裁剪和翻转（最后 2 轮不做），标签平滑 0.1</translation>
    </message>
    <message>
        <source>Sample (Fashion-MNIST subset, built in)</source>
        <translation>示例（Fashion-MNIST 子集，内置）</translation>
    </message>
    <message>
        <source>Image folder (one sub-folder per class)</source>
        <translation>图像文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>its optimizer state&apos;s parameter groups are not the run&apos;s</source>
        <translation>其优化器状态的参数组与本次运行的不一致</translation>
    </message>
    <message>
        <source>its schedule state ({key}) does not match its own settings</source>
        <translation>其学习率调度状态（{key}）与它自己的设置不一致</translation>
    </message>
    <message>
        <source>{file} is {size:.0f} MB, more than branch statistics can be ({most} MB): it is not read</source>
        <translation>{file} 有 {size:.0f} MB，超过分支统计可能的大小（{most} MB）：不予读取</translation>
    </message>
    <message>
        <source>learning rate {rate:.2g}, loss {loss:.3g}</source>
        <translation>学习率 {rate:.2g}，损失 {loss:.3g}</translation>
    </message>
    <message>
        <source>the learning-rate finder needs 0 &lt; start rate &lt; end rate and at least 3 steps</source>
        <translation>学习率查找器需要 0 &lt; 起始学习率 &lt; 结束学习率，且至少 3 步</translation>
    </message>
    <message>
        <source>a feature map needs at least {least} images; the validation set has {count}</source>
        <translation>特征图至少需要 {least} 张图像；验证集只有 {count} 张</translation>
    </message>
    <message>
        <source>no layer named {name} for a feature map; choose one of: {choices}</source>
        <translation>特征图没有名为 {name} 的层；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>no projection named {name}; choose one of: {choices}</source>
        <translation>没有名为 {name} 的投影方法；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>reading the features at {layer}</source>
        <translation>正在读取 {layer} 处的特征</translation>
    </message>
    <message>
        <source>t-SNE of {count} images</source>
        <translation>{count} 张图像的 t-SNE</translation>
    </message>
    <message>
        <source>GoogLeNet, ImageNet (1000 classes)</source>
        <translation>GoogLeNet，ImageNet（1000 个类别）</translation>
    </message>
    <message>
        <source>{file} is not a file</source>
        <translation>{file} 不是文件</translation>
    </message>
    <message>
        <source>{file} is damaged (its SHA-256 does not begin with {prefix}); download it again</source>
        <translation>{file} 已损坏（其 SHA-256 不以 {prefix} 开头）；请重新下载</translation>
    </message>
    <message>
        <source>{file}: the downloaded file is not torchvision&apos;s (its SHA-256 does not begin with {prefix})</source>
        <translation>{file}：下载的文件不是 torchvision 的（其 SHA-256 不以 {prefix} 开头）</translation>
    </message>
    <message>
        <source>{file}: cannot store the download ({reason})</source>
        <translation>{file}：无法保存下载的文件（{reason}）</translation>
    </message>
    <message>
        <source>the ImageNet weights are not downloaded yet ({file}); download them, or pick the file {name} if you have it</source>
        <translation>ImageNet 权重尚未下载（{file}）；请下载，或者如果你已有文件 {name}，请选择它</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}：{problem}</translation>
    </message>
    <message>
        <source>{name}: torchvision GoogLeNet weights for {classes} classes and {channels} channels, not ImageNet&apos;s 1000 and 3: their class names and preprocessing are not in the file</source>
        <translation>{name}：这是 {classes} 个类别、{channels} 个通道的 torchvision GoogLeNet 权重，不是 ImageNet 的 1000 个类别和 3 个通道：文件中没有它的类别名称和预处理方式</translation>
    </message>
    <message>
        <source>not torchvision&apos;s GoogLeNet weights (no conv1, inception3a or fc tensors)</source>
        <translation>不是 torchvision 的 GoogLeNet 权重（没有 conv1、inception3a 或 fc 张量）</translation>
    </message>
    <message>
        <source>torchvision GoogLeNet weights with malformed conv1 or fc tensors</source>
        <translation>torchvision GoogLeNet 权重中的 conv1 或 fc 张量格式不对</translation>
    </message>
    <message>
        <source>unexpected tensor {key} in torchvision GoogLeNet weights</source>
        <translation>torchvision GoogLeNet 权重中有多余的张量 {key}</translation>
    </message>
    <message>
        <source>size mismatch for {key}: {got} instead of {shape}</source>
        <translation>{key} 的尺寸为 {got}，应为 {shape}</translation>
    </message>
    <message>
        <source>torchvision GoogLeNet weights without {key}</source>
        <translation>torchvision GoogLeNet 权重中缺少 {key}</translation>
    </message>
    <message>
        <source>ImageNet weights ({classes} classes)</source>
        <translation>ImageNet 权重（{classes} 个类别）</translation>
    </message>
    <message>
        <source>{name}, trained on {dataset} ({classes} classes)</source>
        <translation>{name}，在 {dataset} 上训练（{classes} 个类别）</translation>
    </message>
    <message>
        <source>{name} ({classes} classes)</source>
        <translation>{name}（{classes} 个类别）</translation>
    </message>
    <message>
        <source>the run&apos;s starting weights are not described by a table</source>
        <translation>训练运行的起始权重没有用表格描述</translation>
    </message>
    <message>
        <source>the run&apos;s starting weights come from an unknown source</source>
        <translation>训练运行的起始权重来源未知</translation>
    </message>
    <message>
        <source>the run&apos;s starting weights have no usable name</source>
        <translation>训练运行的起始权重没有可用的名称</translation>
    </message>
    <message>
        <source>the run&apos;s starting weights have no usable class count</source>
        <translation>训练运行的起始权重没有可用的类别数</translation>
    </message>
    <message>
        <source>the starting weights do not fit the run&apos;s network ({key})</source>
        <translation>起始权重与训练运行的网络不匹配（{key}）</translation>
    </message>
    <message>
        <source>the last layer only</source>
        <translation>仅最后一层</translation>
    </message>
    <message>
        <source>the whole network</source>
        <translation>整个网络</translation>
    </message>
    <message>
        <source>{stage} and the stages after it</source>
        <translation>{stage} 及其后的各阶段</translation>
    </message>
    <message>
        <source>this run started from {weights}; it trains {trains}</source>
        <translation>此训练运行从{weights}开始；训练{trains}</translation>
    </message>
    <message>
        <source>its last layer kept (same classes)</source>
        <translation>保留其最后一层（类别相同）</translation>
    </message>
    <message>
        <source>a new last layer for this dataset&apos;s classes</source>
        <translation>为此数据集的类别换上新的最后一层</translation>
    </message>
    <message>
        <source>starting from {weights}, {head}; training {trains}</source>
        <translation>从{weights}开始，{head}；训练{trains}</translation>
    </message>
    <message>
        <source>other programs keep {cpus:.1f} CPUs busy: training goes on with {threads} of its {most} threads</source>
        <translation>其他程序占用了 {cpus:.1f} 个 CPU：训练改用 {most} 个线程中的 {threads} 个继续</translation>
    </message>
</context>
<context>
    <name>CoreLoader</name>
    <message>
        <source>Loading PyTorch ({0:.0f} s; the first start after installing takes longest). Settings and the Shapes tab work meanwhile.</source>
        <translation>正在加载 PyTorch（{0:.0f} 秒；安装后首次启动最慢）。在此期间可以使用设置和“形状”标签页。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>PyTorch could not be loaded: {0}</source>
        <translation>无法加载 PyTorch：{0}</translation>
    </message>
    <message>
        <source>GoogLeNet Studio</source>
        <translation>GoogLeNet 工作室</translation>
    </message>
</context>
<context>
    <name>DatasetController</name>
    <message>
        <source>Choose a folder with one sub-folder per class</source>
        <translation>选择一个每个类别各有一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>Found in {0}</source>
        <translation>已在 {0} 中找到</translation>
    </message>
    <message>
        <source>Not on this computer (looked in {0}): download it, or choose the folder that holds it</source>
        <translation>本机上没有（已查找 {0}）：请下载，或选择包含它的文件夹</translation>
    </message>
    <message>
        <source>Downloaded {0}</source>
        <translation>已下载 {0}</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <source>Download failed: {0}. Put the dataset&apos;s files in {1} yourself, or choose another dataset.</source>
        <translation>下载失败：{0}。请自行将数据集文件放到 {1}，或选择其他数据集。</translation>
    </message>
</context>
<context>
    <name>DatasetEditorController</name>
    <message>
        <source>New dataset: name its folder</source>
        <translation>新建数据集：为其文件夹命名</translation>
    </message>
    <message>
        <source>my-dataset</source>
        <translation>my-dataset</translation>
    </message>
    <message>
        <source>Edit dataset: choose its folder</source>
        <translation>编辑数据集：选择其文件夹</translation>
    </message>
    <message>
        <source>Cannot open the dataset {0}: {1}</source>
        <translation>无法打开数据集 {0}：{1}</translation>
    </message>
    <message>
        <source>Dataset editor closed: the work under way was cancelled (images already added stay)</source>
        <translation>数据集编辑器已关闭：进行中的工作已取消（已添加的图像会保留）</translation>
    </message>
    <message>
        <source>Added the class “{0}”: drop images on it</source>
        <translation>已添加类别“{0}”：请将图像拖放到它上面</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>删除类别</translation>
    </message>
    <message numerus="yes">
        <source>Remove the class “{0}” and its %n image(s)?
They are moved to the dataset&apos;s .removed folder, not deleted.</source>
        <translation>
            <numerusform>删除类别“{0}”及其 %n 张图像？
它们会被移到数据集的 .removed 文件夹，而不是被彻底删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed the class “{0}” (kept in .removed)</source>
        <translation>已删除类别“{0}”（保留在 .removed 中）</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>已拒绝：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Adding to “{0}” was cancelled; %n image(s) were added</source>
        <translation>
            <numerusform>向“{0}”添加图像已取消；已添加 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n image(s) to “{0}”</source>
        <translation>
            <numerusform>已向“{0}”添加 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n file(s): {0}</source>
        <translation>
            <numerusform>跳过了 %n 个文件：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Added {0} to “{1}”</source>
        <translation>已将 {0} 添加到“{1}”</translation>
    </message>
    <message>
        <source>The clipboard holds no image</source>
        <translation>剪贴板中没有图像</translation>
    </message>
    <message>
        <source>Add images to “{0}”</source>
        <translation>向“{0}”添加图像</translation>
    </message>
    <message>
        <source>Add a folder of images to “{0}”</source>
        <translation>向“{0}”添加一个图像文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n image(s) (kept in the dataset&apos;s .removed folder)</source>
        <translation>
            <numerusform>已删除 %n 张图像（保留在数据集的 .removed 文件夹中）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The check was cancelled after %n image(s)</source>
        <translation>
            <numerusform>检查在 %n 张图像后被取消</numerusform>
        </translation>
    </message>
    <message>
        <source>(Check Again finishes it)</source>
        <translation>（“重新检查”可完成它）</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) checked: no problems found</source>
        <translation>
            <numerusform>已检查 %n 张图像：未发现问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) checked:</source>
        <translation>
            <numerusform>已检查 %n 张图像：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s),</source>
        <translation>
            <numerusform>%n 个错误，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be read</source>
        <translation>
            <numerusform>%n 个文件无法读取</numerusform>
        </translation>
    </message>
    <message>
        <source>Training leaves them out. Skip them to take them out of the dataset (they are moved to .removed), or replace them with good copies.</source>
        <translation>训练会忽略它们。跳过它们即可将其移出数据集（移到 .removed），或用完好的副本替换。</translation>
    </message>
    <message>
        <source>Skip These Files</source>
        <translation>跳过这些文件</translation>
    </message>
    <message>
        <source>a copy of {0}</source>
        <translation>{0} 的副本</translation>
    </message>
    <message numerus="yes">
        <source>Extra copies of images in their own class: %n</source>
        <translation>
            <numerusform>同一类别中多余的图像副本：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>A copy trains the same picture twice, and a copy held out for validation makes validation look better than it is. Keep one copy of each.</source>
        <translation>副本会让同一张图片被训练两次，而留作验证的副本会让验证结果看起来比实际更好。每张图像只保留一份。</translation>
    </message>
    <message>
        <source>Keep One Copy of Each</source>
        <translation>每张只保留一份</translation>
    </message>
    <message>
        <source>The same image is in {0}</source>
        <translation>同一张图像出现在 {0}</translation>
    </message>
    <message>
        <source>One picture with two labels teaches the network nothing and makes validation wrong. Remove it from the classes it does not belong to: select those copies below and press Remove Selected Files.</source>
        <translation>一张图片带两个标签，网络学不到任何东西，还会使验证出错。请把它从不属于的类别中删除：在下方选中这些副本，然后点击“删除所选文件”。</translation>
    </message>
    <message numerus="yes">
        <source>%n images that look alike are in {0}</source>
        <translation>
            <numerusform>%n 张相似的图像分布在 {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>They may be one picture resized or saved again, with different labels. Look at them (double-click one to show it); if they show the same thing, keep them in one class.</source>
        <translation>它们可能是同一张图片经过缩放或重新保存，却带有不同标签。请查看它们（双击可显示）；如果内容相同，请放在同一个类别中。</translation>
    </message>
    <message>
        <source>Training needs at least two classes with images</source>
        <translation>训练至少需要两个有图像的类别</translation>
    </message>
    <message>
        <source>Add classes and drop images on them.</source>
        <translation>请添加类别并将图像拖放到上面。</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) without images: {0}</source>
        <translation>
            <numerusform>%n 个类别没有图像：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Add images to them, or remove them: a class without images is never learnt, yet the network can still answer it.</source>
        <translation>请为它们添加图像，或删除它们：没有图像的类别永远学不会，但网络仍可能回答它。</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) without validation images: {0}</source>
        <translation>
            <numerusform>%n 个类别没有验证图像：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Move some of their images into the dataset&apos;s validation folder, so training can tell how well it learnt them.</source>
        <translation>请将它们的部分图像移到数据集的验证文件夹，这样训练才能知道学得怎么样。</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) too small to hold out a validation image: {0}</source>
        <translation>
            <numerusform>%n 个类别太小，无法留出验证图像：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>A class of one image trains on it and is never validated. Add images: with {0} or more, a share of them is held out for validation.</source>
        <translation>只有一张图像的类别只会用于训练，永远不会被验证。请添加图像：达到 {0} 张或以上时，会留出一部分用于验证。</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) with validation images only: {0}</source>
        <translation>
            <numerusform>%n 个类别只有验证图像：{0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Add training images to them (drop them on the class).</source>
        <translation>请为它们添加训练图像（拖放到该类别上）。</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) with fewer than {0} images: {1}</source>
        <translation>
            <numerusform>%n 个类别的图像少于 {0} 张：{1}</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation holds out a single image of each, so their validation accuracy jumps in big steps. Add more images: a few dozen per class at least.</source>
        <translation>验证集每类只留出一张图像，因此它们的验证准确率会大幅跳动。请添加更多图像：每个类别至少几十张。</translation>
    </message>
    <message>
        <source>Unbalanced classes: “{0}” has {1} images, “{2}” {3}</source>
        <translation>类别不均衡：“{0}”有 {1} 张图像，“{2}”有 {3} 张</translation>
    </message>
    <message>
        <source>The network learns to favour the big classes. Add images to the small ones, or remove some from the big ones.</source>
        <translation>网络会学会偏向大类别。请为小类别添加图像，或从大类别中删除一些。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) much smaller than the input size ({0} px)</source>
        <translation>
            <numerusform>%n 张图像远小于输入尺寸（{0} 像素）</numerusform>
        </translation>
    </message>
    <message>
        <source>They are enlarged more than twice to {0}x{0} and look blurred to the network. Use bigger images, or a smaller input size in the training settings.</source>
        <translation>它们会被放大两倍以上到 {0}x{0}，在网络看来是模糊的。请使用更大的图像，或在训练设置中减小输入尺寸。</translation>
    </message>
    <message>
        <source>grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>{0} grayscale and {1} colour images</source>
        <translation>{0} 张灰度图像和 {1} 张彩色图像</translation>
    </message>
    <message>
        <source>The network trains on colour; a grayscale image is copied into all three channels. If some classes are mostly grayscale, the network can learn colour instead of what the pictures show: give every class the same kind.</source>
        <translation>网络按彩色图像训练；灰度图像会被复制到全部三个通道。如果某些类别大多是灰度图像，网络可能学到的是颜色而不是图片内容：请让每个类别的图像类型一致。</translation>
    </message>
    <message>
        <source>Train on this dataset</source>
        <translation>在此数据集上训练</translation>
    </message>
    <message numerus="yes">
        <source>The check found %n problem(s) that make training fail or mislead (see Check). Train anyway?</source>
        <translation>
            <numerusform>检查发现 %n 个会导致训练失败或结果误导的问题（见“检查”）。仍要训练吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>The dataset&apos;s work failed: {0}</source>
        <translation>数据集的操作失败：{0}</translation>
    </message>
    <message>
        <source>Adding images to “{0}”: {1} of {2}</source>
        <translation>正在向“{0}”添加图像：{1} / {2}</translation>
    </message>
    <message>
        <source>Looking for images to add to “{0}”…</source>
        <translation>正在查找要添加到“{0}”的图像…</translation>
    </message>
    <message>
        <source>Checking images: {0} of {1}</source>
        <translation>正在检查图像：{0} / {1}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Saving the change…</source>
        <translation>正在保存更改…</translation>
    </message>
    <message numerus="yes">
        <source>(%n more queued)</source>
        <translation>
            <numerusform>（另有 %n 项排队中）</numerusform>
        </translation>
    </message>
    <message>
        <source>A class needs a name</source>
        <translation>类别需要一个名称</translation>
    </message>
    <message>
        <source>“{0}”: a class name cannot contain / or \</source>
        <translation>“{0}”：类别名称不能包含 / 或 \</translation>
    </message>
    <message>
        <source>“{0}”: a class name cannot start with a dot</source>
        <translation>“{0}”：类别名称不能以点开头</translation>
    </message>
    <message>
        <source>“{0}” is a name the dataset&apos;s folders use; choose another</source>
        <translation>“{0}”是数据集文件夹使用的名称；请换一个</translation>
    </message>
    <message>
        <source>“{0}”: a class name cannot contain control characters</source>
        <translation>“{0}”：类别名称不能包含控制字符</translation>
    </message>
    <message>
        <source>“{0}”: a class name cannot end with a dot or a space</source>
        <translation>“{0}”：类别名称不能以点或空格结尾</translation>
    </message>
    <message>
        <source>That class name is too long</source>
        <translation>类别名称太长</translation>
    </message>
    <message>
        <source>There is already a class “{0}”</source>
        <translation>已经有一个类别“{0}”</translation>
    </message>
</context>
<context>
    <name>DatasetEditorPanel</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>New class name</source>
        <translation>新类别名称</translation>
    </message>
    <message>
        <source>Add Class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation>添加图像…</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Remove Images</source>
        <translation>删除图像</translation>
    </message>
    <message>
        <source>Remove Selected Files</source>
        <translation>删除所选文件</translation>
    </message>
    <message>
        <source>Check Again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Train on This Dataset</source>
        <translation>在此数据集上训练</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Paste Images</source>
        <translation>粘贴图像</translation>
    </message>
    <message>
        <source>Rename Class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>Dataset: {0}</source>
        <translation>数据集：{0}</translation>
    </message>
    <message>
        <source>{0} + {1} val</source>
        <translation>{0} + {1} 验证</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>…… 另有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>No class yet</source>
        <translation>还没有类别</translation>
    </message>
    <message>
        <source>Add a class on the left, then drop images or folders on it</source>
        <translation>请在左侧添加一个类别，然后把图像或文件夹拖放到上面</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n image(s)</source>
        <translation>
            <numerusform>{0}：%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop image files or folders here, paste images (Ctrl+V), or add them with the buttons below</source>
        <translation>将图像文件或文件夹拖放到这里、粘贴图像（Ctrl+V），或用下方按钮添加</translation>
    </message>
    <message>
        <source>Add a class first, then drop images on it</source>
        <translation>请先添加一个类别，再把图像拖放到上面</translation>
    </message>
    <message>
        <source>Add a class first</source>
        <translation>请先添加一个类别</translation>
    </message>
</context>
<context>
    <name>EmbeddingController</name>
    <message>
        <source>Map these weights maps {0} with the images its run validated on.</source>
        <translation>“映射这些权重”会用 {0} 所属运行验证过的图像来绘制它的特征图。</translation>
    </message>
    <message>
        <source>The run has no weights to map yet.</source>
        <translation>该运行还没有可以映射的权重。</translation>
    </message>
    <message>
        <source>Start a run or open a checkpoint first: a map needs trained weights and their validation images.</source>
        <translation>请先开始一次运行或打开一个检查点：特征图需要训练好的权重及其验证图像。</translation>
    </message>
    <message>
        <source>Feature map cancelled.</source>
        <translation>特征图已取消。</translation>
    </message>
    <message>
        <source>live weights, {0}</source>
        <translation>实时权重，{0}</translation>
    </message>
    <message>
        <source>Epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source>Mapping the validation images…</source>
        <translation>正在映射验证图像…</translation>
    </message>
    <message>
        <source>The feature map failed: {0}</source>
        <translation>特征图计算失败：{0}</translation>
    </message>
</context>
<context>
    <name>EmbeddingPanel</name>
    <message>
        <source>Image {0}: {1}</source>
        <translation>图像 {0}：{1}</translation>
    </message>
    <message>
        <source>Image {0}: {1}, taken for {2}</source>
        <translation>图像 {0}：{1}，被误认为 {2}</translation>
    </message>
    <message>
        <source>No maps yet</source>
        <translation>尚无特征图</translation>
    </message>
    <message>
        <source>{0} ({1} of {2})</source>
        <translation>{0}（第 {1} 个，共 {2} 个）</translation>
    </message>
    <message>
        <source>Each validation image becomes a point, placed by the network&apos;s features at the layer chosen: images the network finds alike lie close. Maps come after each epoch of a run while this tab is on screen, or from the weights chosen now (Map these weights).</source>
        <translation>每张验证图像成为一个点，其位置由网络在所选层的特征决定：网络认为相似的图像彼此靠近。本标签页显示时，特征图在运行的每一轮结束后生成；也可以用当前选定的权重生成（映射这些权重）。</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>{0} at {1}, {2}: {3} images, {4} mistakes (crosses)</source>
        <translation>{1} 处的 {0}，{2}：{3} 张图像，{4} 处错误（叉号）</translation>
    </message>
    <message>
        <source>(a fixed sample of {0} of the {1} validation images)</source>
        <translation>（从 {1} 张验证图像中固定抽取的 {0} 张）</translation>
    </message>
    <message>
        <source>The axes show {0:.0%} and {1:.0%} of the features&apos; variance.</source>
        <translation>两条坐标轴分别显示特征方差的 {0:.0%} 和 {1:.0%}。</translation>
    </message>
    <message>
        <source>Features at</source>
        <translation>特征取自</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>投影方法</translation>
    </message>
    <message>
        <source>{0} (last pooling layer)</source>
        <translation>{0}（最后的池化层）</translation>
    </message>
    <message>
        <source>PCA (at once)</source>
        <translation>PCA（即时）</translation>
    </message>
    <message>
        <source>t-SNE (a minute for 10,000 images)</source>
        <translation>t-SNE（10,000 张图像约需一分钟）</translation>
    </message>
    <message>
        <source>Map these weights</source>
        <translation>映射这些权重</translation>
    </message>
    <message>
        <source>Map the validation images with the weights chosen now: a run&apos;s newest or an opened checkpoint&apos;s</source>
        <translation>用当前选定的权重映射验证图像：运行的最新权重，或已打开检查点的权重</translation>
    </message>
</context>
<context>
    <name>EvaluateController</name>
    <message>
        <source>Current run</source>
        <translation>当前训练运行</translation>
    </message>
    <message>
        <source>Evaluate checkpoint</source>
        <translation>评估检查点</translation>
    </message>
    <message>
        <source>as saved</source>
        <translation>保存时</translation>
    </message>
    <message>
        <source>{0} evaluated on {1}, validation split</source>
        <translation>{0} 在 {1} 上评估，验证集划分</translation>
    </message>
    <message>
        <source>Evaluated {0}</source>
        <translation>已评估 {0}</translation>
    </message>
    <message>
        <source>Evaluation cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <source>Evaluation failed: {0}</source>
        <translation>评估失败：{0}</translation>
    </message>
    <message>
        <source>Evaluating {0}…</source>
        <translation>正在评估 {0}…</translation>
    </message>
    <message>
        <source>{0}: loading data…</source>
        <translation>{0}：正在加载数据…</translation>
    </message>
    <message>
        <source>The first epoch&apos;s evaluation appears here when it ends.</source>
        <translation>第一轮结束后，其评估结果会显示在这里。</translation>
    </message>
    <message>
        <source>{0} holds no evaluations (no validation set, more than 100 classes, or saved by an earlier version): Evaluate Checkpoint… computes one.</source>
        <translation>{0} 不含评估结果（没有验证集、类别超过 100 个，或由旧版本保存）：“评估检查点…”可以计算一次。</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source>Evaluating {0} to list the images…</source>
        <translation>正在评估 {0} 以列出图像…</translation>
    </message>
    <message>
        <source>no epoch&apos;s</source>
        <translation>无轮次的</translation>
    </message>
    <message>
        <source>{0} holds the weights of {1}: only that epoch&apos;s images can be listed.</source>
        <translation>{0} 保存的是{1}的权重：只能列出该轮的图像。</translation>
    </message>
    <message>
        <source>The images of {0} are not kept: a run keeps them for its last {1} epochs.</source>
        <translation>未保留{0}的图像：训练运行只保留最近 {1} 轮的图像。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of {0} predicted right, most confident first</source>
        <translation>
            <numerusform>{0} 中预测正确的 %n 张图像，置信度最高的在前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of {0} predicted as {1}, most confident first</source>
        <translation>
            <numerusform>{0} 中被预测为 {1} 的 %n 张图像，置信度最高的在前</numerusform>
        </translation>
    </message>
    <message>
        <source>(the {0} most confident shown)</source>
        <translation>（显示置信度最高的 {0} 张）</translation>
    </message>
    <message>
        <source>The images are not loaded yet.</source>
        <translation>图像尚未加载。</translation>
    </message>
    <message>
        <source>Image {0} of the validation set: true {1}, predicted {2} ({3}). Click to classify it.</source>
        <translation>验证集第 {0} 张图像：真实类别 {1}，预测类别 {2}（{3}）。点击即可分类。</translation>
    </message>
    <message>
        <source>No confusion matrix to export yet</source>
        <translation>还没有可导出的混淆矩阵</translation>
    </message>
    <message>
        <source>Export confusion matrix</source>
        <translation>导出混淆矩阵</translation>
    </message>
    <message>
        <source>PNG image (*.png);;CSV (*.csv)</source>
        <translation>PNG 图像 (*.png);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
</context>
<context>
    <name>EvaluatePanel</name>
    <message>
        <source>Evaluate Checkpoint…</source>
        <translation>评估检查点…</translation>
    </message>
    <message>
        <source>Row percentages</source>
        <translation>按行百分比</translation>
    </message>
    <message>
        <source>Each cell as a share of its row: of the images of that true class</source>
        <translation>每个单元格占所在行的比例：即占该真实类别图像的比例</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Rows: true class · columns: predicted class · click a cell for its images</source>
        <translation>行：真实类别 · 列：预测类别 · 点击单元格查看其图像</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击混淆矩阵的单元格查看其图像。</translation>
    </message>
    <message>
        <source>Train, open a checkpoint or evaluate one to see where the network is wrong.</source>
        <translation>训练、打开或评估一个检查点，即可查看网络在哪里出错。</translation>
    </message>
    <message numerus="yes">
        <source>Accuracy {0} · top-{1} {2} · macro F1 {3} · %n image(s)</source>
        <translation>
            <numerusform>准确率 {0} · top-{1} {2} · 宏平均 F1 {3} · %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>there is no confusion matrix to export</source>
        <translation>没有可导出的混淆矩阵</translation>
    </message>
    <message>
        <source>cannot write {0}</source>
        <translation>无法写入 {0}</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Export which checkpoint?</source>
        <translation>导出哪个检查点？</translation>
    </message>
    <message>
        <source>ONNX model (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>TorchScript module (*.pt)</source>
        <translation>TorchScript 模块 (*.pt)</translation>
    </message>
    <message>
        <source>Export {} as</source>
        <translation>将 {} 导出为</translation>
    </message>
    <message>
        <source>Exporting {} as {}…</source>
        <translation>正在将 {} 导出为 {}…</translation>
    </message>
    <message>
        <source>Exported {}</source>
        <translation>已导出 {}</translation>
    </message>
    <message>
        <source>Export failed: {}</source>
        <translation>导出失败：{}</translation>
    </message>
</context>
<context>
    <name>FeaturesController</name>
    <message>
        <source>{0}, channel {1}</source>
        <translation>{0}，通道 {1}</translation>
    </message>
    <message>
        <source>{0}, channels {1} to {2}</source>
        <translation>{0}，通道 {1} 至 {2}</translation>
    </message>
    <message>
        <source>Visualizing {0}…</source>
        <translation>正在可视化 {0}…</translation>
    </message>
    <message>
        <source>Visualization failed: {0}</source>
        <translation>可视化失败：{0}</translation>
    </message>
    <message>
        <source>Visualization cancelled.</source>
        <translation>可视化已取消。</translation>
    </message>
    <message>
        <source>Save visualization</source>
        <translation>保存可视化结果</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Saving failed: {0}</source>
        <translation>保存失败：{0}</translation>
    </message>
</context>
<context>
    <name>FeaturesPanel</name>
    <message>
        <source>Optimisation steps: more give clearer images and take longer</source>
        <translation>优化步数：步数越多图像越清晰，耗时也越长</translation>
    </message>
    <message>
        <source>Visualize channel</source>
        <translation>可视化通道</translation>
    </message>
    <message>
        <source>Visualize 16 channels</source>
        <translation>可视化 16 个通道</translation>
    </message>
    <message>
        <source>16 channels from this one (the layer&apos;s last 16 near its end), optimised together</source>
        <translation>从该通道起的 16 个通道（靠近层末尾时取最后 16 个），一起优化</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Save Image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Feature visualization (Olah et al., Distill 2017) makes an image that excites one channel as much as it can, starting from faint noise. With untrained weights it finds little; after some training, the patterns the channel has learned.</source>
        <translation>特征可视化（Olah 等，Distill 2017）从微弱噪声出发，生成一张尽可能激发某个通道的图像。权重未训练时几乎找不到什么；训练一段时间后，就能看到该通道学到的图案。</translation>
    </message>
    <message>
        <source>{0} channel {1}: mean activation {2:.3g} for the starting noise, {3:.3g} for this image</source>
        <translation>{0} 通道 {1}：初始噪声的平均激活为 {2:.3g}，这张图像为 {3:.3g}</translation>
    </message>
    <message>
        <source>, {0:.1f}-fold the starting noise&apos;s (median)</source>
        <translation>，是初始噪声的 {0:.1f} 倍（中位数）</translation>
    </message>
    <message numerus="yes">
        <source>{0}, %n channel(s), {1} steps, with {2}: mean activation {3:.3g} (average){4}</source>
        <translation>
            <numerusform>{0}，%n 个通道，{1} 步，使用{2}：平均激活 {3:.3g}（均值）{4}</numerusform>
        </translation>
    </message>
    <message>
        <source>there is no visualization to save</source>
        <translation>没有可保存的可视化结果</translation>
    </message>
    <message>
        <source>cannot write {0}</source>
        <translation>无法写入 {0}</translation>
    </message>
    <message>
        <source> of {0}</source>
        <translation>（共 {0}）</translation>
    </message>
</context>
<context>
    <name>FollowController</name>
    <message>
        <source>Follow a run folder</source>
        <translation>跟踪训练运行文件夹</translation>
    </message>
    <message>
        <source>Stop training first: the plots show the run in progress</source>
        <translation>请先停止训练：曲线图正在显示进行中的训练</translation>
    </message>
    <message>
        <source>Following {}: reading…</source>
        <translation>正在跟踪 {}：读取中…</translation>
    </message>
    <message>
        <source>Cannot follow the run: {0}</source>
        <translation>无法跟踪训练运行：{0}</translation>
    </message>
    <message>
        <source>Following {}: waiting for the run to write metrics.jsonl</source>
        <translation>正在跟踪 {}：等待训练写入 metrics.jsonl</translation>
    </message>
    <message>
        <source>, epoch {} of {}, batch {} of {}</source>
        <translation>，第 {} 轮（共 {} 轮），第 {} 批（共 {} 批）</translation>
    </message>
    <message>
        <source>Following {}: {}</source>
        <translation>正在跟踪 {}：{}</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Guide</source>
        <translation>指南</translation>
    </message>
    <message>
        <source>The window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message>
        <source>Classify an image</source>
        <translation>分类一张图像</translation>
    </message>
    <message>
        <source>Drop it anywhere on the window</source>
        <translation>拖放到窗口任意位置</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Left: settings and progress</source>
        <translation>左侧：设置与进度</translation>
    </message>
    <message>
        <source>Choose the dataset and the training settings, then Start. Pause holds training between steps; Stop ends it after saving last.pt. Progress shows the epoch, the batch, the speed and, once training is steady, the time remaining.</source>
        <translation>选择数据集和训练设置，然后点击“开始”。“暂停”会在两步之间暂停训练；“停止”会在保存 last.pt 后结束训练。进度区显示轮次、批次、速度，训练稳定后还会显示剩余时间。</translation>
    </message>
    <message>
        <source>Top: the curves</source>
        <translation>上方：曲线</translation>
    </message>
    <message>
        <source>Loss and accuracy against epochs: every batch (faint), its moving average (solid), and each epoch&apos;s training and validation values (markers). Smoothing and a log scale for the loss are above the plots; hover to read the values, drag to pan, scroll to zoom, right-click for the view&apos;s menu (View All goes back).</source>
        <translation>损失和准确率随轮次的变化：每个批次（浅色）、其滑动平均（实线），以及每轮的训练和验证值（标记点）。平滑和损失的对数坐标在曲线图上方；鼠标悬停可读取数值，拖动可平移，滚轮可缩放，右键打开视图菜单（“View All”可复原）。</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Drop, paste or open images: each gets the top 5 classes of the current weights (the run training now, an opened checkpoint, or untrained), a picture of what the network sees, and a warning when it is unlike the images the weights learned from.</source>
        <translation>拖放、粘贴或打开图像：每张图像都会得到当前权重（正在训练的运行、已打开的检查点或未训练的权重）给出的前 5 个类别、网络看到的画面，以及当它与权重学习过的图像不同时的警告。</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Every block&apos;s output shape, parameters and multiply-adds for any input size; it works before PyTorch has loaded. Double-click a row to see that layer&apos;s activation maps.</source>
        <translation>任意输入尺寸下每个块的输出形状、参数量和乘加次数；在 PyTorch 加载完成前即可使用。双击某一行可查看该层的激活图。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <source>The run folder, its checkpoints (last.pt, best.pt) and a table of every epoch.</source>
        <translation>运行文件夹、其检查点（last.pt、best.pt）以及每一轮的表格。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>The validation confusion matrix and per-class precision, recall and F1, live every epoch; click a cell to see its images.</source>
        <translation>验证集的混淆矩阵以及每个类别的精确率、召回率和 F1，每轮实时更新；点击单元格可查看其图像。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Every run folder: tick runs to overlay their curves, open one, or follow one that another process is writing.</source>
        <translation>所有运行文件夹：勾选多个训练运行可叠加曲线，也可打开一个，或跟踪另一个进程正在写入的运行。</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <source>A classified image inside the network: activation maps, Grad-CAM, a timeline of pinned images while training, and feature visualization.</source>
        <translation>已分类图像在网络内部的情况：激活图、Grad-CAM、训练时固定图像的时间线，以及特征可视化。</translation>
    </message>
    <message>
        <source>Feature Map</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Every validation image as a point placed by the network&apos;s features (PCA or t-SNE), coloured by its class, mistakes as crosses; after each epoch, with a slider to replay the epochs. Hover a point to see its image, click it to classify it.</source>
        <translation>每张验证图像是一个点，位置由网络的特征决定（PCA 或 t-SNE），颜色表示其类别，错误以叉号标出；每轮结束后更新，并可用滑块回放各轮。鼠标悬停在点上可查看其图像，单击可对其分类。</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习情况</translation>
    </message>
    <message>
        <source>How each block and Inception branch learns while training: gradient norm, update-to-weight ratio and activations, every 25 steps, with dead and exploding parts marked. File &gt; Find a Learning Rate… suggests a learning rate before training.</source>
        <translation>训练时每个模块和 Inception 分支的学习情况：每 25 步记录梯度范数、更新量与权重之比以及激活值，并标出死亡和爆炸的部分。“文件 &gt; 查找学习率…”可在训练前建议一个学习率。</translation>
    </message>
    <message>
        <source>Saved work survives</source>
        <translation>已保存的工作不会丢失</translation>
    </message>
    <message>
        <source>Checkpoints are written to a temporary file and renamed over the old one: a crash, a kill or a full disk mid-save leaves the previous checkpoint whole. A run saves last.pt after every epoch, every 5 minutes within a long epoch, and when it is stopped or the window closes.</source>
        <translation>检查点先写入临时文件，再重命名覆盖旧文件：保存过程中崩溃、被终止或磁盘已满，之前的检查点都保持完整。训练运行在每轮结束后、较长的一轮中每 5 分钟，以及停止或关闭窗口时保存 last.pt。</translation>
    </message>
    <message>
        <source>Closing never loses a checkpoint</source>
        <translation>关闭窗口不会丢失检查点</translation>
    </message>
    <message>
        <source>Closing during training stops it and waits for the step to end, however long it takes; closing again offers to quit at once, which gives up only the work since the last checkpoint.</source>
        <translation>训练中关闭窗口会停止训练，并等待当前一步结束，无论需要多久；再次关闭可立即退出，只会放弃自上个检查点以来的工作。</translation>
    </message>
    <message>
        <source>Faults stop the run, not the app</source>
        <translation>故障只会停止训练，而不是应用</translation>
    </message>
    <message>
        <source>A NaN loss, running out of memory or unreadable data ends the run with one line; the window keeps working and the last good checkpoint stays loadable. Settings too large for the machine&apos;s memory are refused before anything is allocated.</source>
        <translation>损失出现 NaN、内存不足或数据无法读取时，训练以一行说明结束；窗口继续工作，最后一个正常的检查点仍可加载。超出本机内存的设置会在分配任何内存之前被拒绝。</translation>
    </message>
    <message>
        <source>Files from strangers are checked, never run</source>
        <translation>来自他人的文件只会被检查，绝不会被执行</translation>
    </message>
    <message>
        <source>Checkpoints load without running code and every field is checked before use. Only raster images are decoded (PNG, JPEG, GIF, BMP, TIFF, WebP, PPM, ICO), their size is checked before decoding, and names are shown as plain text.</source>
        <translation>加载检查点不会运行任何代码，每个字段在使用前都会被检查。只解码栅格图像（PNG、JPEG、GIF、BMP、TIFF、WebP、PPM、ICO），解码前先检查其尺寸，名称一律以纯文本显示。</translation>
    </message>
    <message>
        <source>Your images stay yours</source>
        <translation>你的图像始终属于你</translation>
    </message>
    <message>
        <source>Datasets made in the app copy images, never move or change them; removing sets files aside in the dataset&apos;s .removed folder. Nothing is sent anywhere: the app downloads only the public datasets you ask for.</source>
        <translation>在应用中创建数据集时会复制图像，绝不移动或修改原图；删除只是把文件移到数据集的 .removed 文件夹。任何数据都不会被发送出去：应用只下载你要求的公开数据集。</translation>
    </message>
</context>
<context>
    <name>ImageNetController</name>
    <message>
        <source>GoogLeNet&apos;s ImageNet weights answer now: 1000 classes of photos</source>
        <translation>现在由 GoogLeNet 的 ImageNet 权重回答：1000 类照片</translation>
    </message>
    <message>
        <source>GoogLeNet&apos;s ImageNet weights</source>
        <translation>GoogLeNet 的 ImageNet 权重</translation>
    </message>
    <message>
        <source>GoogLeNet&apos;s ImageNet weights (torchvision&apos;s, 27 MB) are not on this computer yet. Download them from PyTorch&apos;s server into torchvision&apos;s cache, or choose the file googlenet-1378be20.pth if you have it.</source>
        <translation>这台计算机上还没有 GoogLeNet 的 ImageNet 权重（torchvision 提供，27 MB）。可以从 PyTorch 的服务器下载到 torchvision 的缓存中；如果已有 googlenet-1378be20.pth 文件，也可以直接选择它。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose torchvision&apos;s GoogLeNet weights</source>
        <translation>选择 torchvision 的 GoogLeNet 权重</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt);;All files (*)</source>
        <translation>PyTorch 权重 (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Downloading GoogLeNet&apos;s ImageNet weights…</source>
        <translation>正在下载 GoogLeNet 的 ImageNet 权重…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0}: {1:.1f} / {2:.1f} MiB</source>
        <translation>{0}：{1:.1f} / {2:.1f} MiB</translation>
    </message>
    <message>
        <source>Download cancelled: nothing was kept</source>
        <translation>下载已取消：没有保留任何文件</translation>
    </message>
    <message>
        <source>Cannot download the ImageNet weights: {0}</source>
        <translation>无法下载 ImageNet 权重：{0}</translation>
    </message>
</context>
<context>
    <name>InsideController</name>
    <message>
        <source>Looking inside…</source>
        <translation>正在查看内部…</translation>
    </message>
    <message>
        <source>{0}: click an image in the Classify tab (or drop one on the window) to see its maps.</source>
        <translation>{0}：在“分类”标签页中点击一张图像（或将图像拖放到窗口上）即可查看其特征图。</translation>
    </message>
    <message>
        <source>Cannot look inside the network: {0}</source>
        <translation>无法查看网络内部：{0}</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Follow this image&apos;s class probabilities while training (Timeline)</source>
        <translation>训练时跟踪这张图像的各类别概率（时间线）</translation>
    </message>
    <message>
        <source>‹ Back to Shapes</source>
        <translation>‹ 返回形状</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Click an image in the Classify tab (or drop one on the window) to see it inside the network.</source>
        <translation>在“分类”标签页中点击一张图像（或将图像拖放到窗口上），即可查看它在网络内部的情况。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部通道</translation>
    </message>
    <message>
        <source>Every channel, the strongest first (otherwise the 16 strongest)</source>
        <translation>显示每个通道，最强的在前（否则只显示最强的 16 个）</translation>
    </message>
    <message>
        <source>Visualize channel…</source>
        <translation>可视化通道…</translation>
    </message>
    <message>
        <source>Make an image that excites the chosen channel as much as it can</source>
        <translation>生成一张尽可能激发所选通道的图像</translation>
    </message>
    <message>
        <source>Visualize 16 channels…</source>
        <translation>可视化 16 个通道…</translation>
    </message>
    <message>
        <source>The same for the 16 strongest channels of this layer, at once</source>
        <translation>对该层最强的 16 个通道同时这样做</translation>
    </message>
    <message>
        <source>The class whose evidence is shown</source>
        <translation>显示其证据的类别</translation>
    </message>
    <message>
        <source>The layer whose maps Grad-CAM weighs: deeper layers see more, in coarser cells</source>
        <translation>Grad-CAM 加权的特征图所在的层：越深的层看到的越多，但网格越粗</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>no evidence</source>
        <translation>无证据</translation>
    </message>
    <message>
        <source>the most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>seen by {0}</source>
        <translation>由{0}查看</translation>
    </message>
    <message>
        <source>answers {0} ({1:.1%})</source>
        <translation>回答 {0}（{1:.1%}）</translation>
    </message>
    <message>
        <source>Where {0}&apos;s evidence for {1} ({2:.1%}) lies: the brighter, the more it counts (Grad-CAM: each map weighed by how much the class gains from it).</source>
        <translation>{0} 中支持 {1}（{2:.1%}）的证据所在：越亮越重要（Grad-CAM：每张特征图按该类别从中获得的增益加权）。</translation>
    </message>
    <message>
        <source>{0} holds no evidence for {1} ({2:.1%}) anywhere in this image.</source>
        <translation>{0} 在这张图像中没有任何支持 {1}（{2:.1%}）的证据。</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <source>{0}: output {1}</source>
        <translation>{0}：输出 {1}</translation>
    </message>
    <message numerus="yes">
        <source>all %n channel(s), the strongest (highest mean activation) first</source>
        <translation>
            <numerusform>全部 %n 个通道，最强的（平均激活最高）在前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the {0} strongest of %n channel(s) (highest mean activation first)</source>
        <translation>
            <numerusform>%n 个通道中最强的 {0} 个（平均激活最高的在前）</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}; {1:.0%} of the values are above zero. Hover a map for its values, click one to choose it.</source>
        <translation>{0}；{1:.0%} 的值大于零。鼠标悬停在特征图上可查看数值，点击可选中。</translation>
    </message>
    <message numerus="yes">
        <source>All %n channel(s)</source>
        <translation>
            <numerusform>全部 %n 个通道</numerusform>
        </translation>
    </message>
    <message>
        <source>top-1: {0}</source>
        <translation>top-1：{0}</translation>
    </message>
</context>
<context>
    <name>LRFindController</name>
    <message>
        <source>A run is training: stop it first (the finder trains on the same device).</source>
        <translation>有运行正在训练：请先停止它（查找器使用同一设备训练）。</translation>
    </message>
    <message>
        <source>Finding a learning rate…</source>
        <translation>正在查找学习率…</translation>
    </message>
    <message>
        <source>No suggestion: the loss never fell. Try other settings (a larger batch, another optimizer).</source>
        <translation>没有建议值：损失始终没有下降。请尝试其他设置（更大的批大小、其他优化器）。</translation>
    </message>
    <message>
        <source>Suggested learning rate: {0:.2e} (the loss falls fastest there; it is lowest at {1:.2e}).</source>
        <translation>建议的学习率：{0:.2e}（损失在此下降最快；在 {1:.2e} 处最低）。</translation>
    </message>
    <message>
        <source>The finder failed: {0}</source>
        <translation>查找器失败：{0}</translation>
    </message>
    <message>
        <source>Cancelled: the weights are as they were.</source>
        <translation>已取消：权重保持原样。</translation>
    </message>
</context>
<context>
    <name>LRFindDialog</name>
    <message>
        <source>Use {0:.2e}</source>
        <translation>使用 {0:.2e}</translation>
    </message>
    <message>
        <source>Use this rate</source>
        <translation>使用此学习率</translation>
    </message>
    <message>
        <source>Find a learning rate</source>
        <translation>查找学习率</translation>
    </message>
    <message>
        <source>A short run from the start the training settings give (the same network, seed, optimizer and batches) raises the learning rate exponentially over about 100 steps. The loss stays flat while the rate is too small, falls, then shoots up once it is too large; the rate where the smoothed loss falls fastest is suggested. The weights are put back afterwards: nothing of a run changes.</source>
        <translation>从训练设置给出的起点（相同的网络、随机种子、优化器和批次）进行一次短暂运行，在约 100 步内让学习率按指数增长。学习率过小时损失保持平稳，随后下降，学习率过大时则急剧上升；建议值是平滑后的损失下降最快处的学习率。之后权重会被恢复：运行不会有任何改变。</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
</context>
<context>
    <name>LaunchController</name>
    <message>
        <source>cannot write to {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n process(es) with torchrun…</source>
        <translation>
            <numerusform>正在用 torchrun 启动 %n 个进程…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot stop the run: {0}</source>
        <translation>无法停止训练运行：{0}</translation>
    </message>
    <message>
        <source>Stopping every process after this step and saving last.pt…</source>
        <translation>这一步结束后停止所有进程并保存 last.pt…</translation>
    </message>
    <message>
        <source>torchrun could not be started ({0})</source>
        <translation>无法启动 torchrun（{0}）</translation>
    </message>
    <message>
        <source>The torchrun run has ended; its folder: {0}</source>
        <translation>torchrun 训练运行已结束；其文件夹：{0}</translation>
    </message>
    <message>
        <source>torchrun ended with code {0}</source>
        <translation>torchrun 以代码 {0} 结束</translation>
    </message>
    <message>
        <source>Training with torchrun failed: {0}</source>
        <translation>使用 torchrun 训练失败：{0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>GoogLeNet Studio</source>
        <translation>GoogLeNet 工作室</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
</context>
<context>
    <name>MapsModel</name>
    <message>
        <source>channel {0}: {1:.3g} to {2:.3g}, mean {3:.3g}</source>
        <translation>通道 {0}：{1:.3g} 至 {2:.3g}，平均 {3:.3g}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open Checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save Checkpoint As…</source>
        <translation>检查点另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Evaluate Checkpoint…</source>
        <translation>评估检查点(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Follow Run Folder…</source>
        <translation>跟踪训练运行文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Export &amp;Model…</source>
        <translation>导出模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Use &amp;ImageNet Weights</source>
        <translation>使用 ImageNet 权重(&amp;I)</translation>
    </message>
    <message>
        <source>New &amp;Dataset…</source>
        <translation>新建数据集(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Edit Dataset…</source>
        <translation>编辑数据集(&amp;E)…</translation>
    </message>
    <message>
        <source>Open &amp;Images…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <source>Export &amp;Plots…</source>
        <translation>导出曲线图(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;Metrics (CSV)…</source>
        <translation>导出指标 (CSV)(&amp;M)…</translation>
    </message>
    <message>
        <source>Export Confusion Matri&amp;x…</source>
        <translation>导出混淆矩阵(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause / Continue</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Find a Learning Rate…</source>
        <translation>查找学习率(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;New Run (forget the opened checkpoint)</source>
        <translation>新建运行（不再使用已打开的检查点）(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>GoogLeNet Studio</source>
        <translation>GoogLeNet 工作室</translation>
    </message>
    <message>
        <source>Train and understand GoogLeNet (Inception v1 with BatchNorm).
Drop images on the window to classify them with the current weights.</source>
        <translation>训练并理解 GoogLeNet（带批量归一化的 Inception v1）。
将图像拖放到窗口上，即可用当前权重对其分类。</translation>
    </message>
</context>
<context>
    <name>PendingRow</name>
    <message>
        <source>Classifying…</source>
        <translation>正在分类…</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>train (batch)</source>
        <translation>训练（每批）</translation>
    </message>
    <message>
        <source>train (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>训练（每轮）</translation>
    </message>
    <message>
        <source>validation (epoch)</source>
        <translation>验证（每轮）</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Weight of the past in the moving average of the per-batch curves (0: none), as in TensorBoard</source>
        <translation>每批曲线滑动平均中历史值的权重（0：不平滑），与 TensorBoard 相同</translation>
    </message>
    <message>
        <source>Log scale (loss)</source>
        <translation>对数坐标（损失）</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis, where late, small gains stay visible</source>
        <translation>以对数坐标显示损失，使后期微小的改进仍清晰可见</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出曲线图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <source>cannot export the plots as {0}: use .png or .svg</source>
        <translation>无法将曲线图导出为 {0}：请使用 .png 或 .svg</translation>
    </message>
    <message>
        <source>a file without extension</source>
        <translation>无扩展名的文件</translation>
    </message>
    <message>
        <source>epoch {0:.2f}</source>
        <translation>轮次 {0:.2f}</translation>
    </message>
    <message>
        <source> (step {0})</source>
        <translation>（第 {0} 步）</translation>
    </message>
    <message>
        <source>smoothed {0}</source>
        <translation>平滑 {0}</translation>
    </message>
    <message>
        <source>epoch {0} train {1}</source>
        <translation>第 {0} 轮训练 {1}</translation>
    </message>
    <message>
        <source>epoch {0} val {1}</source>
        <translation>第 {0} 轮验证 {1}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Hover over a plot to read the values.</source>
        <translation>鼠标悬停在曲线图上即可读取数值。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>PredictionRow</name>
    <message>
        <source>original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>network sees</source>
        <translation>网络看到的</translation>
    </message>
    <message>
        <source>no preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <source>by {0}</source>
        <translation>使用{0}</translation>
    </message>
    <message>
        <source>Unlike the images these weights learned from (score {0:.2f}, above 1 is unlike): the answer may mean little</source>
        <translation>与这些权重学习过的图像不同（得分 {0:.2f}，大于 1 即为不同）：结果可能意义不大</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Follow this image&apos;s class probabilities while training (Inside tab, Timeline)</source>
        <translation>训练时跟踪这张图像的各类别概率（“网络内部”标签页，时间线）</translation>
    </message>
    <message>
        <source>Inside ›</source>
        <translation>网络内部 ›</translation>
    </message>
    <message>
        <source>See this image inside the network: activation maps and Grad-CAM</source>
        <translation>查看这张图像在网络内部的情况：激活图和 Grad-CAM</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>{0:,.0f} images/s</source>
        <translation>{0:,.0f} 张图像/秒</translation>
    </message>
    <message>
        <source>Training runs far slower than it did ({0:,.0f} images/s at its best): other programs are probably keeping this computer busy.</source>
        <translation>训练比之前慢得多（最快时每秒 {0:,.0f} 张图像）：可能有其他程序正占用这台计算机。</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>估算中…</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>channel {0}</source>
        <translation>通道 {0}</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Train acc</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Classify with best.pt</source>
        <translation>用 best.pt 分类</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚无训练运行</translation>
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>保存于 {0}</translation>
    </message>
</context>
<context>
    <name>RunsController</name>
    <message>
        <source>Cannot read the runs: {}</source>
        <translation>无法读取训练运行：{}</translation>
    </message>
    <message>
        <source>Cannot read the ticked runs&apos; curves: {}</source>
        <translation>无法读取所勾选训练运行的曲线：{}</translation>
    </message>
    <message>
        <source>{} has no checkpoint yet: showing its curves</source>
        <translation>{} 还没有检查点：显示其曲线</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名训练运行</translation>
    </message>
    <message>
        <source>Name shown for this run:</source>
        <translation>该训练运行显示的名称：</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A note on this run:</source>
        <translation>该训练运行的备注：</translation>
    </message>
    <message>
        <source>Cannot save the notes of {}: {}</source>
        <translation>无法保存 {} 的备注：{}</translation>
    </message>
    <message>
        <source>{} is being written by a training: stop it first</source>
        <translation>{} 正被训练写入：请先停止</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除训练运行</translation>
    </message>
    <message>
        <source>Move the run folder {} to the trash?</source>
        <translation>将运行文件夹 {} 移到回收站？</translation>
    </message>
    <message>
        <source>Moved {} to the trash</source>
        <translation>已将 {} 移到回收站</translation>
    </message>
    <message>
        <source>{} cannot be moved to a trash here. Delete it for good?</source>
        <translation>{} 无法移到回收站。要永久删除吗？</translation>
    </message>
    <message>
        <source>Cannot move {} to the trash: {}</source>
        <translation>无法将 {} 移到回收站：{}</translation>
    </message>
    <message>
        <source>Deleted {}</source>
        <translation>已删除 {}</translation>
    </message>
    <message>
        <source>Cannot delete {}: {}</source>
        <translation>无法删除 {}：{}</translation>
    </message>
    <message>
        <source>Add a run folder or a folder of runs</source>
        <translation>添加一个运行文件夹，或包含多个运行的文件夹</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Best val acc</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>训练用时</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>%n second(s) ago</source>
        <translation>%n 秒前</translation>
    </message>
    <message>
        <source>%n minute(s) ago</source>
        <translation>%n 分钟前</translation>
    </message>
    <message>
        <source>%n hour(s) ago</source>
        <translation>%n 小时前</translation>
    </message>
    <message>
        <source>%n day(s) ago</source>
        <translation>%n 天前</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>running (last wrote {})</source>
        <translation>运行中（最后写入于{}）</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>failed: stopped writing {}</source>
        <translation>失败：{}停止写入</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stop following</source>
        <translation>停止跟踪</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Its curves and settings, and its last.pt classifies (Start resumes it)</source>
        <translation>显示其曲线和设置，并用其 last.pt 分类（“开始”将继续训练）</translation>
    </message>
    <message>
        <source>Watch the run live as another process writes its folder</source>
        <translation>在另一个进程写入其文件夹时实时观察该训练运行</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 个训练运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading run folders…</source>
        <translation>正在读取运行文件夹…</translation>
    </message>
    <message>
        <source>Tick two or more runs to overlay their curves and list the settings they differ in.</source>
        <translation>勾选两个或更多训练运行，可叠加其曲线并列出不同的设置。</translation>
    </message>
    <message>
        <source>Settings that differ between the ticked runs:</source>
        <translation>所勾选训练运行之间不同的设置：</translation>
    </message>
    <message>
        <source>The ticked runs have the same settings.</source>
        <translation>所勾选的训练运行设置相同。</translation>
    </message>
    <message>
        <source>{0}, from {1}</source>
        <translation>{0}，起点 {1}</translation>
    </message>
    <message>
        <source>{} px</source>
        <translation>{} 像素</translation>
    </message>
    <message>
        <source>{:,.0f} MiB</source>
        <translation>{:,.0f} MiB</translation>
    </message>
    <message>
        <source>{:.1f} MiB</source>
        <translation>{:.1f} MiB</translation>
    </message>
    <message>
        <source>{:,.0f} KiB</source>
        <translation>{:,.0f} KiB</translation>
    </message>
    <message>
        <source>folder: {}</source>
        <translation>文件夹：{}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ShapesPanel</name>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Mult-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Multiply-adds of the convolution and linear weights, per image, as fvcore and torch.utils.flop_counter count them (torchinfo also counts biases and BatchNorm, about 0.2% more)</source>
        <translation>每张图像的卷积和线性层权重的乘加次数，按 fvcore 和 torch.utils.flop_counter 的方式统计（torchinfo 还会计入偏置和批量归一化，约多 0.2%）</translation>
    </message>
    <message>
        <source>Double-click a block, layer, Inception module or branch to see what its output holds for an image (Inside tab)</source>
        <translation>双击某个块、层、Inception 模块或分支，查看它对一张图像的输出（“网络内部”标签页）</translation>
    </message>
    <message>
        <source>Show Maps ›</source>
        <translation>显示特征图 ›</translation>
    </message>
    <message>
        <source>What the selected row&apos;s output holds for an image: its activation maps (Inside tab)</source>
        <translation>所选行对一张图像的输出：其激活图（“网络内部”标签页）</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Total params: {0:,}    Total mult-adds: {1:.2f} G    (per image, input {2})</source>
        <translation>总参数量：{0:,}    总乘加次数：{1:.2f} G    （每张图像，输入 {2}）</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <source>no preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <source>validation image</source>
        <translation>验证图像</translation>
    </message>
</context>
<context>
    <name>TimelineController</name>
    <message>
        <source>At most {0} images can be pinned: unpin one first</source>
        <translation>最多只能固定 {0} 张图像：请先取消固定一张</translation>
    </message>
    <message>
        <source>Timeline: {0}</source>
        <translation>时间线：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Timeline: %n damaged line(s) of timeline.jsonl left out</source>
        <translation>
            <numerusform>时间线：略过了 timeline.jsonl 中 %n 行损坏的记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>While training, the pinned images are classified this often (with the newest weights), and at every epoch&apos;s end</source>
        <translation>训练时，固定的图像按此间隔（用最新权重）分类一次，每轮结束时也分类一次</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Record every</source>
        <translation>记录间隔</translation>
    </message>
    <message>
        <source>(not pinned now)</source>
        <translation>（当前未固定）</translation>
    </message>
    <message>
        <source>Pin an image (Pin, in this tab&apos;s header or on a Classify row) to follow its class probabilities while a run trains; they are kept in the run&apos;s folder (timeline.jsonl), so an opened run shows them again.</source>
        <translation>固定一张图像（点击本标签页顶部或“分类”列表中的“固定”），即可在训练时跟踪其各类别概率；这些数据保存在运行文件夹中（timeline.jsonl），再次打开该训练运行时会重新显示。</translation>
    </message>
    <message>
        <source>No points yet for {0}: they come as the run trains.</source>
        <translation>{0} 还没有数据点：训练进行时会陆续出现。</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Starting as soon as PyTorch has loaded…</source>
        <translation>PyTorch 加载完成后立即开始…</translation>
    </message>
    <message>
        <source>Starting: loading data…</source>
        <translation>正在开始：加载数据…</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pausing after the current batch…</source>
        <translation>当前批次结束后暂停…</translation>
    </message>
    <message>
        <source>Stopping after this step (about {0:.0f} s) and saving last.pt…</source>
        <translation>这一步结束后（约 {0:.0f} 秒）停止并保存 last.pt…</translation>
    </message>
    <message>
        <source>Stopping after this step and saving last.pt…</source>
        <translation>这一步结束后停止并保存 last.pt…</translation>
    </message>
    <message>
        <source>Training is running: stop it first</source>
        <translation>正在训练：请先停止</translation>
    </message>
    <message>
        <source>{0} holds weights only: it classifies, but cannot be resumed</source>
        <translation>{0} 只包含权重：可以用来分类，但不能继续训练</translation>
    </message>
    <message>
        <source>Paused {0}; Continue goes on</source>
        <translation>已暂停（{0}）；按“继续”接着训练</translation>
    </message>
    <message>
        <source>Epoch {0} done: train accuracy {1:.1%}</source>
        <translation>第 {0} 轮完成：训练准确率 {1:.1%}</translation>
    </message>
    <message>
        <source>{0}, validation accuracy {1:.1%}</source>
        <translation>{0}，验证准确率 {1:.1%}</translation>
    </message>
    <message>
        <source>Training on {0}: {1}, {2}</source>
        <translation>正在 {0} 上训练：{1}，{2}</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>; saved {0}</source>
        <translation>；已保存 {0}</translation>
    </message>
    <message>
        <source>Stopped {0}{1}</source>
        <translation>已停止（{0}）{1}</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation>训练失败：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Finished %n epoch(s) in {0:.0f} s; best validation accuracy {1}</source>
        <translation>
            <numerusform>已完成 %n 轮，用时 {0:.0f} 秒；最佳验证准确率 {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>cpu (detecting devices…)</source>
        <translation>cpu（正在检测设备…）</translation>
    </message>
    <message numerus="yes">
        <source>All %n GPUs (torchrun)</source>
        <translation>
            <numerusform>全部 %n 个 GPU（torchrun）</numerusform>
        </translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Show where it breaks</source>
        <translation>显示在哪里出错</translation>
    </message>
    <message>
        <source>Write TensorBoard logs</source>
        <translation>写入 TensorBoard 日志</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Find a learning rate: a short run that raises the rate step by step and suggests where the loss falls fastest</source>
        <translation>查找学习率：一次短暂的训练逐步提高学习率，并建议损失下降最快处的学习率</translation>
    </message>
    <message>
        <source>Logging</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Start resumes {0}</source>
        <translation>“开始”将继续训练 {0}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Also write the run&apos;s scalars into its run folder for tensorboard --logdir &lt;runs folder&gt;</source>
        <translation>同时将训练的标量写入运行文件夹，供 tensorboard --logdir &lt;运行文件夹&gt; 查看</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>{0}: {1:.1f} / {2:.1f} MiB</source>
        <translation>{0}：{1:.1f} / {2:.1f} MiB</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>one sub-folder per class</source>
        <translation>每个类别一个子文件夹</translation>
    </message>
    <message>
        <source>default cache folder</source>
        <translation>默认缓存文件夹</translation>
    </message>
    <message>
        <source>Your own settings. Tutorial reproduces the reference notebook; Fast is the quickest to a good accuracy measured so far; Thorough trains longer for a higher one.</source>
        <translation>自定义设置。“教程”复现参考笔记本；“快速”是目前测得的最快达到较好准确率的设置；“充分”训练更久，准确率更高。</translation>
    </message>
    <message>
        <source>Not measured yet for this dataset and device.</source>
        <translation>尚未针对此数据集和设备测量。</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>{0}. {1}</source>
        <translation>{0}。{1}</translation>
    </message>
    <message>
        <source>Random weights</source>
        <translation>随机权重</translation>
    </message>
    <message>
        <source>GoogLeNet&apos;s ImageNet weights</source>
        <translation>GoogLeNet 的 ImageNet 权重</translation>
    </message>
    <message>
        <source>Another run&apos;s checkpoint…</source>
        <translation>另一次训练的检查点…</translation>
    </message>
    <message>
        <source>Start from which checkpoint?</source>
        <translation>从哪个检查点开始？</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>检查点 (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Measured: {0} in {1} on {2} ({3}).</source>
        <translation>实测：在 {2}（{3}）上 {1}内达到 {0}。</translation>
    </message>
    <message numerus="yes">
        <source>%n CPU core(s)</source>
        <translation>
            <numerusform>%n 个 CPU 核心</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Input size {0} is too small: the network halves the image five times and needs at least {1} x {1} pixels.</source>
        <translation>输入尺寸 {0} 太小：网络会将图像减半五次，至少需要 {1} x {1} 像素。</translation>
    </message>
    <message>
        <source>Resume training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>UnderstandingViews</name>
    <message>
        <source>Feature Map</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>学习情况</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Feature Visualization</source>
        <translation>特征可视化</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>epoch {0}, batch {1} of {2}</source>
        <translation>第 {0} 轮，第 {1} 批（共 {2} 批）</translation>
    </message>
    <message>
        <source>after epoch {0}</source>
        <translation>第 {0} 轮之后</translation>
    </message>
    <message>
        <source>before training</source>
        <translation>训练之前</translation>
    </message>
    <message>
        <source>at epoch {0}, batch {1} of {2}</source>
        <translation>于第 {0} 轮，第 {1} 批（共 {2} 批）</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>live weights, {0}</source>
        <translation>实时权重，{0}</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未训练的权重</translation>
    </message>
    <message>
        <source>{0}, copied {1:.0f} s before</source>
        <translation>{0}，{1:.0f} 秒前复制</translation>
    </message>
</context>
<context>
    <name>urls</name>
    <message>
        <source>{0} is not a local file</source>
        <translation>{0} 不是本地文件</translation>
    </message>
    <message>
        <source>{0} is a folder</source>
        <translation>{0} 是一个文件夹</translation>
    </message>
</context>
</TS>
